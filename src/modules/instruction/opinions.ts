// Expert opinions: an agent or manager who has a dossier in his scope asks a colleague, or a team, of his
// administration's tree for an opinion by a due date, optionally as a yes/no question. The asked people read
// the dossier through the same door as everyone (`dossierForAgent` with `expert: true`), answer once — the
// answer is frozen — and the asker is told. Each request and answer is on the timeline and in the audit log,
// written in the transaction of the change.
import type { SessionUser } from '../../platform/auth/session.ts';
import { newId, ULID as ID } from '../../platform/db/ids.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { appendAudit } from '../../platform/audit/index.ts';
import { queueMessage, type Message } from '../../platform/notify/messages.ts';
import { createI18n, isLocale, translate, type MessageKey, type Params } from '../../platform/i18n/index.ts';
import { addEvent } from '../dossiers/index.ts';
import { administrationTree } from './scope.ts';
import * as store from './opinions-store.ts';
import { about, type AgentView, type Env } from './service.ts';
import { agentDossierPath } from './paths.ts';
import { OPINIONS } from './opinions-paths.ts';

export const OPINION_MAX = 4000;
/** How far ahead a due date may be: further is a typo more often than a plan. */
const DUE_MAX_DAYS = 366;

/** What an ask or an answer did, as the dossier page tells it (`?fait=`). */
export type OpinionOutcome =
  | 'opinion-asked'
  | 'opinion-answered'
  | 'opinion-whom'
  | 'opinion-question'
  | 'opinion-due'
  | 'opinion-text'
  | 'opinion-yesno'
  | 'opinion-frozen'
  | 'opinion-notyours'
  | 'state';

export interface AskInput {
  /** `u:<user id>` or `t:<team id>`, as the form's list gives them. */
  whom: string;
  question: string;
  /** YYYY-MM-DD from a date input, or DD/MM/YYYY typed where the browser has no calendar. */
  due: string;
  yesNo: boolean;
}

export async function askOpinion(env: Env, user: SessionUser, view: AgentView, input: AskInput, now = new Date()): Promise<OpinionOutcome> {
  // The route lets no expert in; saying it here too keeps the rule in the service, not only in the route.
  if (view.dossier.access !== 'team') throw new HttpProblem(404, 'instruction.error.notfound');
  if (view.dossier.decidedAt) return 'state';
  const to = await addressee(env, user, input.whom);
  if (!to) return 'opinion-whom';
  const question = input.question.trim();
  if (question === '' || question.length > OPINION_MAX) return 'opinion-question';
  const dueDay = readDay(input.due);
  const tz = env.config.timeZone;
  if (!dueDay || dueDay < localDay(now, tz) || dueDay > localDay(new Date(now.getTime() + DUE_MAX_DAYS * 86_400_000), tz)) return 'opinion-due';
  const dossier = view.dossier;
  await env.db.transaction().execute(async (trx) => {
    const id = newId();
    const dueAt = await store.insertOpinion(trx, { id, dossierId: dossier.id, askedBy: user.id, ...to, question, yesNo: input.yesNo, dueDay, timeZone: tz });
    await addEvent(trx, { id: newId(), dossierId: dossier.id, kind: 'opinion_requested', actorId: user.id, at: now });
    const params = { reference: dossier.reference, asker: user.name ?? '', url: `${env.config.publicUrl}${agentDossierPath(dossier.id)}#avis`, list: `${env.config.publicUrl}${OPINIONS}` };
    for (const r of await store.recipientsOf(trx, to)) {
      const message = notice(r, 'asked', (locale) => ({ ...params, due: createI18n(locale, tz).date(dueAt) }));
      if (message) await queueMessage(trx, message);
    }
    await appendAudit(trx, { ...about(user, view), action: 'opinion.request', details: { opinion: id, expert: to.expertId, team: to.teamId, due: dueDay, yesNo: input.yesNo } });
  });
  return 'opinion-asked';
}

export interface AnswerInput {
  text: string;
  /** 'oui' or 'non' when the request expects one; anything else counts as no choice. */
  yes: string;
}

export async function answerOpinion(env: Env, user: SessionUser, view: AgentView, opinionId: string, input: AnswerInput, now = new Date()): Promise<OpinionOutcome> {
  const text = input.text.trim();
  const yes = input.yes === 'oui' ? true : input.yes === 'non' ? false : null;
  return env.db.transaction().execute(async (trx) => {
    const o = ID.test(opinionId) ? await store.lockOpinion(trx, view.dossier.id, opinionId, user.id) : undefined;
    if (!o || !o.mine) return 'opinion-notyours';
    if (o.answered) return 'opinion-frozen';
    if (text === '' || text.length > OPINION_MAX) return 'opinion-text';
    if (o.yesNo && yes === null) return 'opinion-yesno';
    await store.writeAnswer(trx, { id: o.id, answer: text, answerYes: o.yesNo ? yes : null, userId: user.id, at: now });
    await addEvent(trx, { id: newId(), dossierId: view.dossier.id, kind: 'opinion_answered', actorId: user.id, at: now });
    const asker = o.askedBy ? await store.recipient(trx, o.askedBy) : undefined;
    const params = { reference: view.dossier.reference, expert: user.name ?? '', url: `${env.config.publicUrl}${agentDossierPath(view.dossier.id)}#avis` };
    const message = asker && notice(asker, 'answered', () => params);
    if (message) await queueMessage(trx, message);
    await appendAudit(trx, { ...about(user, view), action: 'opinion.answer', details: { opinion: o.id, yes: o.yesNo ? yes : undefined } });
    return 'opinion-answered';
  });
}

export interface OpinionPanel {
  requests: store.OpinionRow[];
  /** Whom the reader may ask, when he may ask at all. */
  people: store.Candidate[];
  teams: store.Candidate[];
  canAsk: boolean;
}

/** What the dossier page shows of opinions: all requests to the dossier's people, his own to an expert. */
export async function opinionPanel(env: Env, user: SessionUser, view: AgentView): Promise<OpinionPanel> {
  const expert = view.dossier.access === 'expert';
  const canAsk = !expert && view.dossier.decidedAt === null;
  const [requests, { people, teams }] = await Promise.all([
    store.opinionsOf(env.db, view.dossier.id, user.id, expert),
    canAsk ? candidatesOf(env, user) : { people: [], teams: [] },
  ]);
  return { requests, people, teams, canAsk };
}

async function candidatesOf(env: Env, user: SessionUser) {
  const tree = user.administrationId ? await administrationTree(env.db, user.administrationId) : [];
  return store.candidates(env.db, tree, user.id);
}

/** The addressee picked in the form, if it is one the form offered; a forged id is no one. */
async function addressee(env: Env, user: SessionUser, whom: string): Promise<{ expertId: string | null; teamId: string | null } | undefined> {
  const m = /^([ut]):(.{26})$/.exec(whom);
  if (!m || !ID.test(m[2]!)) return undefined;
  const { people, teams } = await candidatesOf(env, user);
  if (m[1] === 'u') return people.some((p) => p.id === m[2]) ? { expertId: m[2]!, teamId: null } : undefined;
  return teams.some((t) => t.id === m[2]) ? { expertId: null, teamId: m[2]! } : undefined;
}

/** A calendar day as YYYY-MM-DD, if the text is one that exists. */
export function readDay(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]].map(Number) : fr ? [fr[3], fr[2], fr[1]].map(Number) : [];
  if (!y || !mo || !d) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Today (or any instant's day) where the service is, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** An e-mail when there is an address (staff work at a desk), else an SMS; nothing for someone with neither. */
function notice(r: store.Recipient, kind: 'asked' | 'answered', paramsIn: (locale: ReturnType<typeof localeOf>) => Params): Message | undefined {
  const locale = localeOf(r.locale);
  const params = paramsIn(locale);
  const key = (part: string) => `instruction.opinion.notice.${kind}.${part}` as MessageKey;
  if (r.email) return { channel: 'email', to: r.email, subject: translate(locale, key('subject'), params), body: translate(locale, key('body'), params) };
  if (r.phone) return { channel: 'sms', to: r.phone, body: translate(locale, key('sms'), params) };
  return undefined;
}

const localeOf = (value: string | null) => (isLocale(value) ? value : 'fr');
