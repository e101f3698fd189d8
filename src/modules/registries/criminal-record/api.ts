// Bulletin n°2 through the API, for the systems of administrations entitled to it (public employment,
// honours, public procurement, disciplinary proceedings, …). The caller presents the token of its API client
// (Authorization: Bearer …); the client must hold the right 'bulletin-2'. The identity is matched like a
// clerk's search: a single exact person, or nobody alike (« Néant »), gives the bulletin; anything else is
// referred to the registry's clerks (409) and nothing of the record is returned.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { sha256 } from '../../../platform/crypto/tokens.ts';
import { appendAudit } from '../../../platform/audit/index.ts';
import { issueDocument } from '../../documents/index.ts';
import { bulletinDocument, bulletinJson } from './bulletin.ts';
import { bulletinEntries } from './engine.ts';
import { readDate } from './form.ts';
import { outcome, rank } from './matching.ts';
import { today, type Conviction, type Identity } from './model.ts';
import { API_BULLETIN_2 } from './paths.ts';
import { PLACES } from './service.ts';
import * as store from './store.ts';

/** Why an administration asks (CPP: the cases a bulletin n°2 is given for); recorded in the audit log. */
export const PURPOSES = ['emploi_public', 'distinction', 'marche_public', 'poursuite_disciplinaire', 'ecole_privee', 'autorite_militaire', 'contestation_electorale', 'procedure_collective'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const BODY = z.object({
  surname: text(80),
  given_names: text(120),
  birth_date: z.string().refine((v) => readDate(v) !== undefined, 'a real day, yyyy-mm-dd'),
  birth_place: text(100),
  father_name: text(150).optional(),
  mother_name: text(150).optional(),
  nin: text(30).optional(),
  purpose: z.enum(PURPOSES),
  /** Also seal a PDF and return it (base64) with its reference and verification code. */
  pdf: z.boolean().optional(),
});

const apiError = (reply: FastifyReply, status: number, message: string, extra: Record<string, unknown> = {}) => reply.code(status).send({ error: { status, message, ...extra } });

export async function criminalRecordApi(app: FastifyInstance): Promise<void> {
  const ctx = app.ctx;
  const limit = { config: { rateLimit: { max: 60, timeWindow: 60_000 } }, bodyLimit: 16 * 1024 };

  app.post(API_BULLETIN_2, limit, async (req, reply) => {
    const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const client = token ? await store.apiClientByTokenHash(ctx.db, sha256(token)) : undefined;
    if (!client) return apiError(reply.header('www-authenticate', 'Bearer'), 401, req.i18n.t('casier.api.token'));
    if (!client.rights.includes('bulletin-2')) return apiError(reply, 403, req.i18n.t('casier.api.right'));
    const parsed = BODY.safeParse(req.body);
    if (!parsed.success) {
      return apiError(reply, 400, req.i18n.t('casier.api.body'), { fields: parsed.error.issues.map((i) => i.path.join('.')) });
    }
    const b = parsed.data;
    const asked: Identity = { surname: b.surname, givenNames: b.given_names, birthDate: readDate(b.birth_date)!, birthPlace: b.birth_place, fatherName: b.father_name ?? null, motherName: b.mother_name ?? null, nin: b.nin ?? null };
    const found = outcome(rank(asked, await store.candidatesFor(ctx.db, asked)));
    const audit = (result: string, extra: Record<string, unknown> = {}) =>
      ({ actorId: null, action: 'casier.api_bulletin2', subject: found.kind === 'unique' ? { type: 'criminal_person', id: found.match.person.id } : null, administrationId: client.administration_id, details: { client: client.id, purpose: b.purpose, result, ...extra } }) as const;
    if (found.kind === 'ambiguous') {
      await appendAudit(ctx.db, audit('ambiguous'));
      return apiError(reply, 409, req.i18n.t('casier.api.ambiguous'), { code: 'ambiguous' });
    }
    const day = today(ctx.config.timeZone);
    const entries: Conviction[] = found.kind === 'unique' ? bulletinEntries(2, found.match.person, await store.convictionsOf(ctx.db, found.match.person.id), day) : [];
    const json = { status: found.kind === 'unique' ? 'found' : 'none', ...bulletinJson(2, asked, entries, day) };
    if (!b.pdf) {
      await appendAudit(ctx.db, audit(json.status, { entries: entries.length }));
      return reply.header('cache-control', 'no-store').send(json);
    }
    const registry = await store.registryAdministration(ctx.db, ctx.config.country);
    if (!registry) return apiError(reply, 503, req.i18n.t('casier.api.noregistry'));
    const content = bulletinDocument(2, asked, entries, {
      issuerAdministrationId: registry.id,
      place: PLACES[ctx.config.country] ?? ctx.config.country,
      signatory: `Le magistrat chargé du casier judiciaire — ${registry.name}`,
      expiresAt: new Date(Date.now() + 90 * 86_400_000),
    });
    const document = await ctx.db.transaction().execute(async (trx) => {
      const issued = await issueDocument(ctx, content, trx);
      await appendAudit(trx, audit(json.status, { entries: entries.length, document: issued.reference }));
      return issued;
    });
    return reply.header('cache-control', 'no-store').send({ ...json, document: { reference: document.reference, code: document.code, pdf_base64: Buffer.from(document.pdf).toString('base64') } });
  });
}
