// Dossier submissions per second, on PostgreSQL: one applicant fills the criminal record request through the
// pages (a real PDF and photo included), the bench copies that draft many times straight in the database,
// then autocannon submits a different draft with a fresh one-time key on every request.
import autocannon from 'autocannon';
import pg from 'pg';
import { newId } from '../src/platform/db/ids.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

class Browser {
  cookie = '';
  csrf = '';
  constructor(private base: string) {}
  async get(path: string) {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookie }, redirect: 'manual' });
    this.keep(res);
    const html = await res.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? /_csrf=([^"&]+)/.exec(html)?.[1] ?? this.csrf;
    return html;
  }
  async post(path: string, fields: Record<string, string>, files: Record<string, Buffer> = {}) {
    const multipart = Object.keys(files).length > 0;
    let body: FormData | URLSearchParams;
    if (multipart) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const [k, v] of Object.entries(files)) form.append(k, new Blob([new Uint8Array(v)]), `${k}.bin`);
      body = form;
    } else body = new URLSearchParams({ _csrf: this.csrf, ...fields });
    const url = multipart ? `${this.base}${path}?_csrf=${encodeURIComponent(this.csrf)}` : this.base + path;
    const res = await fetch(url, { method: 'POST', body, headers: { cookie: this.cookie }, redirect: 'manual' });
    this.keep(res);
    return res;
  }
  private keep(res: Response) {
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
  }
}

const WARM_UP_SECONDS = 2;

export interface SubmissionMeasure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  submitted: number;
}

export async function benchSubmissions(
  base: string,
  databaseUrl: string,
  seconds: number,
  connections: number,
  /** Called right before the load starts (after the drafts are prepared): bench/profile.ts reads CPU times there. */
  onLoad?: () => void,
): Promise<SubmissionMeasure> {
  const b = new Browser(base);
  await b.get('/inscription');
  await b.post('/inscription/email', { email: 'bench@exemple.ne', ename: 'Bench', password: 'un mot de passe solide 2026' });
  await b.get('/demarches/extrait-casier-judiciaire/en-ligne');
  const started = await b.post('/demarches/extrait-casier-judiciaire/en-ligne', {});
  const draft = (started.headers.get('location') ?? '').split('/')[2]!;
  const page = (s: string) => `/dossiers/${draft}/pages/${s}`;
  await b.get(page('identite'));
  await b.post(page('identite'), { nom: 'Issoufou', prenoms: 'Aïcha', sexe: 'f', date_naissance: '12/03/1994', lieu_naissance: 'Tahoua', ne_au_niger: 'yes', nom_pere: 'Issoufou Moussa', nom_mere: 'Mariama Hamani' });
  await b.get(page('piece'));
  await b.post(page('piece'), { 'piece_identite.kind': 'cni', 'piece_identite.number': 'NE12345678' }, { piece_identite: PNG, acte_naissance: PDF });
  await b.get(page('contact'));
  await b.post(page('contact'), { telephone: '90 12 34 56', usage: 'emploi' });
  await b.get(page('engagement'));
  const last = await b.post(page('engagement'), { certifie: 'on' });
  if (!(last.headers.get('location') ?? '').endsWith('/recapitulatif')) throw new Error('the bench could not fill the request');
  await b.get(`/dossiers/${draft}/recapitulatif`);

  // Enough copies of the draft for the warm-up and the whole run at well above the target rate.
  const copies = Math.max(20_000, (WARM_UP_SECONDS + seconds) * 3000);
  const ids = Array.from({ length: copies }, () => newId());
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(
    `INSERT INTO dossiers (id, procedure_id, revision_id, applicant_id, answers)
     SELECT i, procedure_id, revision_id, applicant_id, answers FROM dossiers, unnest($1::text[]) AS i WHERE id = $2`,
    [ids, draft],
  );
  let next = 0;
  const submitted = async () => {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM dossiers WHERE status = 'submitted' AND applicant_id = (SELECT applicant_id FROM dossiers WHERE id = $1)`, [draft]);
    return rows[0].n as number;
  };
  const run = (duration: number) =>
    autocannon({
      url: base,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const id = ids[next++ % ids.length]!;
            return {
              ...req,
              path: `/dossiers/${id}/depot`,
              headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ _csrf: b.csrf, cle: `bench${id}` }).toString(),
            };
          },
        },
      ],
    });
  // As for the pages, a short warm-up first, so that JIT compilation and the first planning of each statement
  // on each connection are not measured (they were, until 2026-11-28).
  await run(WARM_UP_SECONDS);
  const before = await submitted();
  onLoad?.();
  const result = await run(seconds);
  const after = await submitted();
  await client.end();
  // A submission answers with a redirect to its receipt: 303 is success here.
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx - result['3xx'], submitted: after - before };
}
