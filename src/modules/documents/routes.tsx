// The documents' HTTP surface: verification for anyone (page, QR landing, JSON API, public keys), downloads
// for the applicant and for agents whose scope holds the dossier, previews and revocation in the back office.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import { saveSessionData, type SessionUser } from '../../platform/auth/session.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formField } from '../../platform/http/form.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { administrationTree, scopeOf } from '../instruction/index.ts';
import * as service from './service.ts';
import * as store from './store.ts';
import { decisionContent, receiptContent } from './letters.ts';
import { agentDocumentsPath, KEYS_FILE, VERIFY_PAGE } from './paths.ts';
import { VerifyPage, type VerifyOutcome } from './views/verify-page.tsx';
import { AgentDocumentsPage } from './views/agent-documents-page.tsx';
import { RevokePage } from './views/revoke-page.tsx';
import { registerScanScript } from './scan-asset.ts';
import { acceptanceDue, acceptanceFeeState, withholds } from '../payments/on-acceptance.ts';
import { paymentPath } from '../dossiers/paths.ts';
import { ULID as ID } from '../../platform/db/ids.ts';

type Params = { Params: { id: string; documentId: string } };

/**
 * Verification is public: limited per address so nobody turns it into a load test, but generously, since a
 * checkpoint or a bank branch behind one mobile operator's shared address verifies many documents an hour.
 */
const verifyLimit = { config: { rateLimit: { max: 120, timeWindow: 60_000 } } };

export async function documentRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.ctx;
  const { db, blobs, config } = ctx;
  if (config.documentsMasterKeyIsDev) {
    app.log.warn('documents: DOCUMENTS_MASTER_KEY is not set; sealing keys are encrypted with a development key (never in production)');
  }

  // ---- Verification, for anyone --------------------------------------------------------------------

  registerScanScript(app);

  const verifyPage = async (req: FastifyRequest, reply: FastifyReply, code: string) => {
    let outcome: VerifyOutcome = null;
    if (code.trim()) outcome = await service.verifyCode(db, code);
    else if ((req.query as Record<string, unknown> | undefined)?.code !== undefined) outcome = { status: 'empty' };
    // The answer depends on revocations: never cached by a shared proxy.
    return sendPage(reply, <VerifyPage ctx={pageContext(req)} code={code} outcome={outcome} />);
  };

  app.get(VERIFY_PAGE, verifyLimit, async (req, reply) => {
    const code = (req.query as Record<string, unknown>).code;
    return verifyPage(req, reply, typeof code === 'string' ? code.slice(0, 4000) : '');
  });

  // Where the QR code leads: any phone camera opens the verification with the code filled in.
  // A wildcard, not a :code parameter: the router caps parameters at 100 characters and a code is ~250.
  app.get<{ Params: { '*': string } }>('/V/*', verifyLimit, async (req, reply) => verifyPage(req, reply, String(req.params['*'] ?? '').slice(0, 4000)));

  app.post('/api/v1/verify', { ...verifyLimit, bodyLimit: 16_384 }, async (req, reply) => {
    const body = req.body as Record<string, unknown> | null | undefined;
    const code = body && typeof body === 'object' && typeof body.code === 'string' ? body.code : '';
    const t = req.i18n.t;
    if (!code.trim()) return reply.code(400).send({ error: { status: 400, message: t('documents.verify.reason.empty') } });
    const result = await service.verifyCode(db, code);
    reply.header('cache-control', 'no-store');
    if (result.status === 'invalid') {
      return { status: 'invalid', reason: result.reason, message: t(`documents.verify.reason.${result.reason}` as MessageKey) };
    }
    const facts = {
      kind: result.facts.kind,
      title: result.facts.title,
      reference: result.facts.reference,
      holder: { name: result.facts.holderName, birthDate: result.facts.holderBirthDate },
      issuedAt: result.facts.issuedAt.toISOString(),
      expiresOn: result.facts.expiresOn,
      expired: result.facts.expired,
      contentHash: result.facts.contentHash,
      issuer: result.facts.issuer,
    };
    if (result.status === 'revoked') {
      const message = t('documents.verify.revokedlead', { issuer: result.facts.issuer.name, date: req.i18n.dateTime(result.revokedAt) });
      return { status: 'revoked', facts, revokedAt: result.revokedAt.toISOString(), revocationReason: result.reason, message };
    }
    return { status: 'valid', facts, message: t('documents.verify.validlead', { issuer: result.facts.issuer.name }) };
  });

  app.get(KEYS_FILE, { config: { rateLimit: { max: 60, timeWindow: 60_000 } } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
    return service.keysFile(db, config.publicUrl);
  });

  app.get('/.well-known/guichet-revocations.json', { config: { rateLimit: { max: 60, timeWindow: 60_000 } } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
    return service.revocationList(db);
  });

  // ---- The applicant's downloads -------------------------------------------------------------------

  async function applicant(req: FastifyRequest, reply: FastifyReply): Promise<SessionUser | null> {
    if (req.session?.user) return req.session.user;
    await formContext(req, reply);
    await saveSessionData(db, req.session!, { ...req.session!.data, returnTo: req.url });
    void reply.redirect('/connexion', 303);
    return null;
  }

  /** The applicant's own filed dossier; anything else is a 404 that says nothing of other people's. */
  async function ownDossier(req: FastifyRequest<Params>, user: SessionUser) {
    const facts = ID.test(req.params.id) ? await store.dossierFacts(db, req.params.id) : undefined;
    if (!facts || facts.applicant_id !== user.id) throw new HttpProblem(404, 'documents.error.notfound');
    return facts;
  }

  /**
   * An accepted dossier whose fee on acceptance is unpaid (payments, decision 0017): its deliverables wait, and
   * their addresses lead to the payment page. Receipts (of submission, of payment) are never withheld.
   */
  async function withheld(dossierId: string): Promise<boolean> {
    return withholds(await acceptanceDue(db, dossierId));
  }
  const RECEIPTS = new Set(['submission-receipt', 'payment-receipt']);

  app.get<Params>('/dossiers/:id/documents/:documentId', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const dossier = await ownDossier(req, user);
    const doc = ID.test(req.params.documentId) ? await store.documentById(db, req.params.documentId) : undefined;
    if (!doc || doc.dossier_id !== dossier.id) throw new HttpProblem(404, 'documents.error.notfound');
    if (!RECEIPTS.has(doc.kind) && (await withheld(dossier.id))) return reply.redirect(paymentPath(dossier.id), 303);
    return sendPdf(reply, doc);
  });

  app.get<Params>('/dossiers/:id/accuse-de-reception', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const dossier = await ownDossier(req, user);
    if (dossier.status === 'draft' || !dossier.reference || !dossier.submitted_at) throw new HttpProblem(404, 'documents.error.receipt');
    const doc = await service.receiptOf(ctx, dossier.id, async () => receiptContent(dossier, config.timeZone));
    return sendPdf(reply, doc);
  });

  app.get<Params>('/dossiers/:id/lettre-de-decision', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const dossier = await ownDossier(req, user);
    if (await withheld(dossier.id)) return reply.redirect(paymentPath(dossier.id), 303);
    const doc = await service.decisionLetterOf(ctx, dossier);
    if (!doc) throw new HttpProblem(404, 'documents.error.letter');
    return sendPdf(reply, doc);
  });

  async function sendPdf(reply: FastifyReply, doc: store.DocumentRow) {
    const stream = await blobs.get(doc.blob_key);
    if (!stream) throw new HttpProblem(404, 'documents.error.notfound');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${doc.reference}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(stream);
  }

  // ---- The back office -----------------------------------------------------------------------------

  /** The dossier named in the address if the agent's scope holds it; otherwise a 404. */
  async function scopedDossier(user: SessionUser, id: string) {
    const dossier = ID.test(id) ? await store.dossierInScope(db, await scopeOf(db, user), id) : undefined;
    if (!dossier) throw new HttpProblem(404, 'documents.error.notfound');
    return dossier;
  }

  const FLASH: Record<string, { kind: 'success' | 'warning'; key: MessageKey }> = {
    revoked: { kind: 'success', key: 'documents.revoke.done' },
  };

  app.get<Params & { Querystring: { fait?: string } }>('/agent/dossiers/:id/documents', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const dossier = await scopedDossier(user, req.params.id);
    const [documents, acceptanceFee] = await Promise.all([service.documentsOfDossier(db, dossier.id), acceptanceFeeState(db, dossier.id)]);
    const flash = typeof req.query.fait === 'string' ? FLASH[req.query.fait] : undefined;
    return sendPage(reply, <AgentDocumentsPage ctx={pageContext(req)} dossier={dossier} documents={documents} flash={flash} acceptanceFee={acceptanceFee} />);
  });

  app.get<Params>('/agent/dossiers/:id/documents/:documentId', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const dossier = await scopedDossier(user, req.params.id);
    const doc = ID.test(req.params.documentId) ? await store.documentById(db, req.params.documentId) : undefined;
    if (!doc || doc.dossier_id !== dossier.id) throw new HttpProblem(404, 'documents.error.notfound');
    await appendAudit(db, { actorId: user.id, action: 'document.download', subject: { type: 'document', id: doc.id }, administrationId: doc.administration_id, details: { dossier: dossier.id, reference: doc.reference } });
    return sendPdf(reply, doc);
  });

  app.get<Params & { Querystring: { decision?: string } }>('/agent/dossiers/:id/apercu-document', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const dossier = await scopedDossier(user, req.params.id);
    const decision = req.query.decision ?? 'accept';
    if (decision !== 'accept' && decision !== 'refuse') throw new HttpProblem(400, 'documents.error.preview');
    const facts = await store.dossierFacts(db, dossier.id);
    if (!facts) throw new HttpProblem(404, 'documents.error.notfound');
    const pdf = await service.previewDocument(ctx, decisionContent(facts, decision, '', config.timeZone));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="apercu-${dossier.reference}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(pdf));
  });

  /**
   * Who may revoke: an agent whose scope holds the document's dossier, or a manager of the issuing
   * administration (or of one above it). Anyone else gets the 404 of a document that does not exist.
   */
  async function revocable(user: SessionUser, documentId: string) {
    const doc = ID.test(documentId) ? await store.documentById(db, documentId) : undefined;
    if (!doc) throw new HttpProblem(404, 'documents.error.notfound');
    const manager = user.role === 'manager' && user.administrationId && (await administrationTree(db, user.administrationId)).includes(doc.administration_id);
    const inScope = !manager && doc.dossier_id && (user.role === 'agent' || user.role === 'manager') && (await store.dossierInScope(db, await scopeOf(db, user), doc.dossier_id));
    if (!manager && !inScope) throw new HttpProblem(404, 'documents.error.notfound');
    return doc;
  }

  const revokePage = (req: FastifyRequest, doc: store.DocumentRow, extra: { error?: MessageKey; reason?: string; done?: boolean } = {}) => (
    <RevokePage
      ctx={pageContext(req)}
      document={{ id: doc.id, reference: doc.reference, title: doc.title, holderName: doc.holder_name, revokedAt: doc.revoked_at }}
      back={doc.dossier_id ? agentDocumentsPath(doc.dossier_id) : '/agent'}
      {...extra}
    />
  );

  app.get<{ Params: { documentId: string } }>('/agent/documents/:documentId/revocation', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const doc = await revocable(user, req.params.documentId);
    await formContext(req, reply);
    return sendPage(reply, revokePage(req, doc));
  });

  app.post<{ Params: { documentId: string } }>('/agent/documents/:documentId/revocation', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const doc = await revocable(user, req.params.documentId);
    const reason = formField(req.body, 'reason', 2000);
    const outcome = await service.revokeDocument(db, user, doc, reason);
    if (!outcome.ok && outcome.error === 'reason') return sendPage(reply, revokePage(req, doc, { error: 'documents.revoke.error.reason', reason }), 400);
    if (doc.dossier_id) return reply.redirect(`${agentDocumentsPath(doc.dossier_id)}?fait=revoked`, 303);
    return sendPage(reply, revokePage(req, (await store.documentById(db, doc.id))!, { done: true }));
  });
}
