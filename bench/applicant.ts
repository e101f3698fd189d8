// An applicant of the online criminal record request, played over HTTP against a server in another process:
// signs up, starts a draft and, if asked, fills every page of it (a real PDF and photo included). The bench
// loads one of the form's pages with this session, and copies the filled draft to submit it many times.
import { HttpBrowser } from '../test/support/http-browser.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

export const CASIER = 'extrait-casier-judiciaire';
/** The form's first page: what the applicant sees after « Commencer ». */
export const FIRST_PAGE = 'identite';

export interface Applicant {
  browser: HttpBrowser;
  draft: string;
}

let applicants = 0;

/** A new account with a fresh draft of the request; `fill` answers every page up to the review. */
export async function applicantWithDraft(base: string, fill: boolean): Promise<Applicant> {
  const b = new HttpBrowser(base);
  await b.get('/inscription');
  const email = `bench${process.pid}.${++applicants}.${Date.now()}@exemple.ne`;
  const signedUp = await b.post('/inscription/email', { email, ename: 'Bench', password: 'un mot de passe solide 2026' });
  if (signedUp.status !== 303) throw new Error(`the bench could not sign up (${signedUp.status})`);
  await b.get(`/demarches/${CASIER}/en-ligne`);
  const started = await b.post(`/demarches/${CASIER}/en-ligne`, {});
  const draft = (started.headers.get('location') ?? '').split('/')[2];
  if (!draft) throw new Error(`the bench could not start a draft (${started.status})`);
  if (fill) await fillDraft(b, draft);
  return { browser: b, draft };
}

async function fillDraft(b: HttpBrowser, draft: string): Promise<void> {
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
  // The review page gives the CSRF token the submissions carry.
  await b.get(`/dossiers/${draft}/recapitulatif`);
}
