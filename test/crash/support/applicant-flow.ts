// One citizen filing Niger's criminal record request from start to end over HTTP, as bench/submissions.ts
// does: sign up by e-mail, start the online procedure, fill every page, upload an identity document (PNG)
// and a birth certificate (PDF) made of random bytes unique to this dossier, open the review page and submit
// with its one-time key; where the procedure asks a fee, pay it with the development sandbox. It records how far
// it got and what it uploaded, so that the test can compare with what the server kept after a crash.
import { createHash, randomBytes } from 'node:crypto';
import { HttpBrowser } from '../../support/http-browser.ts';

export const PROCEDURE = 'extrait-casier-judiciaire';

export type Stage = 'start' | 'signed-up' | 'draft' | 'uploading' | 'uploaded' | 'filled' | 'review' | 'submit-sent' | 'acknowledged';

export interface FlowRecord {
  n: number;
  email: string;
  stage: Stage;
  draftId?: string;
  key?: string;
  /** SHA-256 (hex) of each uploaded file, by field. */
  sha256: Record<string, string>;
  /** Status and redirect of the submission, when an answer came. */
  submitStatus?: number;
  submitLocation?: string;
  /**
   * The procedure asks a fee (payments, decision 0017): « Déposer » then holds the dossier, with its reference,
   * until a provider confirms the payment, and sends the citizen to the payment page instead of the receipt.
   */
  heldForPayment?: boolean;
  /** Held for payment: the citizen asked to pay (sent) and was answered (acknowledged: the provider's on it). */
  payment?: 'sent' | 'acknowledged';
  /** Why it stopped before the end (a connection cut by the kill, an error page…). */
  error?: string;
  browser: HttpBrowser;
  /** Told of each stage as the flow reaches it (the crash test picks its moment with it). */
  onStage?: (flow: FlowRecord) => void;
}

/** A PDF the server accepts (header, an object, %%EOF) with `size` random bytes in a stream no one parses. */
export function randomPdf(size: number): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Length ' + size + ' >>\nstream\n'),
    randomBytes(size),
    Buffer.from('\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);
}

/** A PNG signature followed by random bytes: the server judges the kind by its first bytes. */
export function randomPng(size: number): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]);
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function newFlow(base: string, n: number, runId: string): FlowRecord {
  // A distinct client address per citizen (the server trusts X-Forwarded-For in this test): a few hundred
  // sign-ups from one address would hit the per-address sign-up limit, as they should.
  const ip = `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return {
    n,
    email: `crash-${runId}-${n}@exemple.ne`,
    stage: 'start',
    sha256: {},
    browser: new HttpBrowser(base, { headers: { 'x-forwarded-for': ip }, timeoutMs: 60_000 }),
  };
}

/** Runs the flow; never throws: the record tells where it stopped and why. */
export async function runFlow(flow: FlowRecord, opts: FlowOptions): Promise<FlowRecord> {
  try {
    await fileRequest(flow, opts);
  } catch (err) {
    flow.error = String((err as Error).cause ?? (err as Error).message);
  }
  return flow;
}

export interface FlowOptions {
  pdfBytes: number;
  pngBytes: number;
  /** Stop on the review page, key in hand, without submitting (default: submit). */
  stopAtReview?: boolean;
}

async function fileRequest(flow: FlowRecord, opts: FlowOptions): Promise<void> {
  const b = flow.browser;
  const expectRedirect = (res: Response, what: string, to?: RegExp) => {
    const location = res.headers.get('location') ?? '';
    if (res.status !== 303 || (to && !to.test(location))) throw new Error(`${what}: ${res.status} ${location}`);
    return location;
  };
  // Every page must open (200): an error page is where the flow stops, with its status in the record.
  const open = async (path: string) => {
    const res = await b.getPage(path);
    if (res.status !== 200) throw new Error(`GET ${path.replace(/[0-9A-Z]{26}/, ':id')}: ${res.status}`);
    return res.html;
  };
  await open('/inscription');
  expectRedirect(await b.post('/inscription/email', { email: flow.email, ename: `Crash ${flow.n}`, password: 'un mot de passe solide 2026' }), 'sign-up');
  reach(flow, 'signed-up');

  await open(`/demarches/${PROCEDURE}/en-ligne`);
  const started = expectRedirect(await b.post(`/demarches/${PROCEDURE}/en-ligne`, {}), 'start', /^\/dossiers\/[0-9A-Z]{26}\//);
  const draft = started.split('/')[2]!;
  flow.draftId = draft;
  reach(flow, 'draft');

  const page = (s: string) => `/dossiers/${draft}/pages/${s}`;
  await open(page('identite'));
  const identity = { nom: 'Issoufou', prenoms: `Aïcha ${flow.n}`, sexe: 'f', date_naissance: '12/03/1994', lieu_naissance: 'Tahoua', ne_au_niger: 'yes', nom_pere: 'Issoufou Moussa', nom_mere: 'Mariama Hamani' };
  expectRedirect(await b.post(page('identite'), identity), 'identity page', /\/pages\/piece$/);
  await open(page('piece'));
  const png = randomPng(opts.pngBytes);
  const pdf = randomPdf(opts.pdfBytes);
  flow.sha256 = { piece_identite: sha256(png), acte_naissance: sha256(pdf) };
  const files = { piece_identite: png, acte_naissance: pdf };
  reach(flow, 'uploading');
  expectRedirect(await b.post(page('piece'), { 'piece_identite.kind': 'cni', 'piece_identite.number': `NE${10_000_000 + flow.n}` }, files), 'files page', /\/pages\/contact$/);
  reach(flow, 'uploaded');
  await open(page('contact'));
  expectRedirect(await b.post(page('contact'), { telephone: '90 12 34 56', usage: 'emploi' }), 'contact page', /\/pages\/engagement$/);
  await open(page('engagement'));
  expectRedirect(await b.post(page('engagement'), { certifie: 'on' }), 'declaration page', /\/recapitulatif$/);
  reach(flow, 'filled');

  // The one-time key is the review page's, as a browser would send it.
  const review = await open(`/dossiers/${draft}/recapitulatif`);
  const key = /name="cle" value="([^"]+)"/.exec(review)?.[1];
  if (!key) throw new Error('review page without a submit key');
  flow.key = key;
  reach(flow, 'review');
  if (opts.stopAtReview) return;

  reach(flow, 'submit-sent');
  const res = await b.post(`/dossiers/${draft}/depot`, { cle: key });
  flow.submitStatus = res.status;
  flow.submitLocation = res.headers.get('location') ?? '';
  expectRedirect(res, 'submission', acknowledgement(draft));
  flow.heldForPayment = flow.submitLocation.endsWith('/paiement');
  reach(flow, 'acknowledged');
  if (flow.heldForPayment) await pay(flow, open);
}

/**
 * Pays the fee with the development sandbox provider: the first operator offered and a number that succeeds
 * (the sandbox reads the outcome from its last two digits). The provider confirms a little later through the
 * outbox, which then files the dossier and sends the receipt.
 */
async function pay(flow: FlowRecord, open: (path: string) => Promise<string>): Promise<void> {
  const path = `/dossiers/${flow.draftId}/paiement`;
  const page = await open(path);
  const operator = /name="operateur" value="([^"]+)"/.exec(page)?.[1];
  if (!operator) throw new Error('payment page without an operator to choose');
  flow.payment = 'sent';
  const res = await flow.browser.post(path, { operateur: operator, telephone: '90 12 34 56' });
  if (res.status !== 303) throw new Error(`payment: ${res.status}`);
  flow.payment = 'acknowledged';
}

/** Where an accepted submission sends the citizen: the receipt, the dossier (already filed) or its payment. */
export const acknowledgement = (draft: string) => new RegExp(`^/dossiers/${draft}(\\?depose=1|/paiement)?$`);

function reach(flow: FlowRecord, stage: Stage) {
  flow.stage = stage;
  flow.onStage?.(flow);
}

/** Sends the same key again, as a browser retrying after a timeout would; returns the answer. */
export async function resubmit(flow: FlowRecord): Promise<{ status: number; location: string }> {
  const res = await flow.browser.post(`/dossiers/${flow.draftId}/depot`, { cle: flow.key! });
  return { status: res.status, location: res.headers.get('location') ?? '' };
}
