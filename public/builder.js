// Guichet: optional help on the procedure builder (src/modules/builder). Its forms and links work without
// this script; with it, they are sent with fetch (`X-Requested-With: fetch`), the server answers with the
// #builder element alone, and it is swapped in place: no full reload, the scroll position stays. Plain ES2017.
(() => {
  'use strict';
  const D = document;
  if (!window.fetch || !D.getElementById('builder')) return;
  let clicked = null;
  let posting = false;
  let latest = 0;

  async function go(url, init, push) {
    const mine = ++latest;
    const root = D.getElementById('builder');
    if (root) root.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(url, Object.assign({ credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } }, init));
      // Anything but the builder (an error page, signed out): show it as a normal visit would.
      if (!res.headers.get('x-builder-fragment')) return location.assign(res.url);
      const html = await res.text();
      if (mine !== latest) return; // a later click (back twice) wins
      const tpl = D.createElement('template');
      tpl.innerHTML = html.trim();
      const next = tpl.content.firstElementChild;
      if (!next || next.id !== 'builder') return location.assign(res.url);
      D.getElementById('builder').replaceWith(next);
      if (push && res.url !== location.href.split('#')[0]) history.pushState(null, '', res.url);
      (next.querySelector('.summary') || next.querySelector('[data-focus]') || next).focus();
    } catch (e) {
      location.assign(url); // offline or the like: let the browser try, and say so
    } finally {
      const now = D.getElementById('builder');
      if (now && mine === latest) now.removeAttribute('aria-busy');
    }
  }

  D.addEventListener('click', (ev) => {
    const button = ev.target.closest('button');
    clicked = button && button.form ? button : null;
    const link = ev.target.closest('#builder a[data-swap]');
    if (link && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) {
      ev.preventDefault();
      go(link.href, {}, true);
    }
  });

  D.addEventListener('submit', (ev) => {
    const form = ev.target;
    if (!form.closest('#builder')) return;
    ev.preventDefault();
    if (posting) return; // one change at a time: a double click saves once
    const data = new FormData(form);
    const submitter = ev.submitter || (clicked && clicked.form === form ? clicked : null);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    const params = new URLSearchParams();
    data.forEach((v, k) => typeof v === 'string' && params.append(k, v));
    const action = form.getAttribute('action') || location.pathname;
    if ((form.getAttribute('method') || 'get').toLowerCase() === 'get') return go(action + '?' + params, {}, true);
    posting = true;
    go(action, { method: 'POST', body: params }, true).then(() => (posting = false));
  });

  window.addEventListener('popstate', () => go(location.href, {}, false));
})();
