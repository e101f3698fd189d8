// Guichet: optional help on dossier form pages (contract in src/modules/dossiers/views/form-enhance.ts).
// Hides [data-visible-if] blocks while their condition is false; fills territory lists. Plain ES2017.
(() => {
  'use strict';
  const D = document;
  const all = (s, el = D) => [...el.querySelectorAll(s)];
  const under = (n, name) => n === name || n.startsWith(name + '.');
  const shown = (el) => !el.closest('[hidden]');

  // What a field's inputs hold, as strings; null when no input of it is on the page or all are hidden.
  function raw(name) {
    let seen = false;
    const out = [];
    for (const el of all('[name]')) {
      if (!under(el.name, name) || el.tagName === 'BUTTON' || /\._remove$/.test(el.name) || !shown(el)) continue;
      seen = true;
      if (el.type === 'checkbox' || el.type === 'radio') el.checked && out.push(el.value);
      else if (el.type === 'file') el.files.length && out.push('f');
      else if (el.value.trim()) out.push(el.value.trim());
    }
    for (const el of all('[data-file]')) {
      if (under(el.dataset.file, name) && shown(el) && !el.querySelector(':checked')) out.push('f');
    }
    return seen ? out : null;
  }

  const NUM = /^-?\d+(\.\d+)?$/;
  const pad = (s) => ('0' + s).slice(-2);
  // The typed answer the server would read from the inputs (forms/field-*.ts), enough for conditions.
  function value(c) {
    const v = raw(c.field);
    const t = c.type;
    if (v === null) return undefined;
    if (t === 'multichoice') return v;
    if (t === 'checkbox') return v.length > 0;
    let s = v[v.length - 1]; // a territory: its finest level
    if (s === undefined) return undefined;
    if (t === 'yesno') return s === 'yes' ? true : s === 'no' ? false : undefined;
    if (/^(integer|decimal|amount)$/.test(t)) {
      s = s.replace(/[\s\u00a0\u202f]/g, '');
      if (t === 'amount') s = s.replace(/(f?cfa|xof|francs?|f)\.?$/i, '').replace(/\./g, '');
      s = s.replace(',', '.').replace(/^\+/, '');
      return NUM.test(s) ? +s : undefined;
    }
    if (/^date/.test(t)) {
      const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:(?:T|\s+(?:à\s+)?)(\d{1,2})[:hH](\d{2}))?/.exec(s);
      if (m) s = `${m[3]}-${pad(m[2])}-${pad(m[1])}` + (m[4] ? `T${pad(m[4])}:${m[5]}:00Z` : '');
      return /^\d{4}-\d\d-\d\d/.test(s) ? s : undefined;
    }
    return /^(address|geo|attachment|identityDocument|repeat)$/.test(t) ? 'x' : s;
  }

  // The operators of src/modules/forms/conditions.ts.
  const num = (x) => (typeof x === 'number' ? x : NUM.test(x) ? +x : undefined);
  const same = (a, b) => (typeof a === 'number' || typeof b === 'number' ? num(a) !== undefined && num(a) === num(b) : String(a) === String(b));
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const empty = (x) => x === undefined || x === '' || (Array.isArray(x) && !x.length);
  function test(c) {
    if (c.all) return c.all.every(test);
    if (c.any) return c.any.some(test);
    const x = value(c);
    const e = c.value;
    if (c.op === 'empty') return empty(x);
    if (empty(x)) return false;
    const is = () => e !== undefined && (Array.isArray(x) ? x.some((y) => same(y, e)) : same(x, e));
    if (c.op === 'filled') return true;
    if (c.op === 'equals') return is();
    if (c.op === 'differs') return !is();
    if (c.op === 'includes') return Array.isArray(x) ? is() : typeof x === 'string' && fold(x).includes(fold(String(e)));
    const [p, q] = [num(x), num(e)];
    const o = p !== undefined && q !== undefined ? p - q : /^\d{4}-/.test(x) && /^\d{4}-/.test(e) ? (x < e ? -1 : x > e ? 1 : 0) : NaN;
    return c.op === 'lt' ? o < 0 : c.op === 'gt' ? o > 0 : false;
  }

  const blocks = all('[data-visible-if]').map((el) => [el, JSON.parse(el.dataset.visibleIf)]);
  // In page order, so a block depending on a hidden one sees it empty.
  const update = () => blocks.forEach(([el, c]) => (el.hidden = !test(c)));
  if (blocks.length) {
    D.addEventListener('input', update);
    D.addEventListener('change', update);
    update();
  }

  const trees = {};
  const tree = (c) =>
    (trees[c] = trees[c] || fetch('/api/v1/territories/' + c, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((d) => (Array.isArray(d.regions) ? d : Promise.reject(d))));
  for (const box of all('[data-territory]')) {
    const sels = all('select', box);
    const ready = () =>
      tree(box.dataset.territory).then((d) => {
        for (const b of all('[name=_refine]', box)) b.hidden = true;
        return d;
      });
    box.addEventListener('focusin', () => ready().catch(() => {}), { once: true });
    sels.forEach((sel, i) =>
      sel.addEventListener('change', () =>
        ready()
          .then((d) => {
            let list = d.regions;
            sels.forEach((s, j) => {
              if (j > i) {
                while (s.length > 1) s.remove(1);
                for (const o of list || []) s.add(new Option(o.name, o.code));
                s.selectedIndex = 0;
              }
              const cur = (list || []).find((o) => o.code === s.value);
              list = cur && (cur.departments || cur.communes);
            });
            update();
          })
          .catch(() => {}),
      ),
    );
  }
})();
