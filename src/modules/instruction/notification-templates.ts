// A procedure's own words to its applicants (decision 0014): its managers — those of the administration owning
// it, or of one above — write, per kind of news and per language, an SMS and an e-mail. French first (the
// reference); placeholders from a fixed list, checked per kind and per part; the SMS at most MAX_SEGMENTS
// parts once filled with the longest values it can get. Every change is audited.
import { sql, type Kysely } from 'kysely';
import { LOCALES, type Config, type Locale } from '../../config.ts';
import type { DB, DossierStatus } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { newId } from '../../platform/db/ids.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { createI18n, isLocale, translate, type MessageKey, type Params } from '../../platform/i18n/index.ts';
import { smsLength, type SmsLength } from '../../platform/notify/sms-length.ts';
import {
  KIND_STATUS,
  NEWS_KINDS,
  TEMPLATE_PARTS,
  fill,
  newsValues,
  placeholdersFor,
  platformTemplate,
  unknownPlaceholders,
  type NewsKind,
  type Placeholder,
  type TemplatePart,
  type TemplateSet,
  type Values,
} from '../dossiers/index.ts';
import { managedProcedures } from './routing-settings.ts';

/** An SMS of more parts costs the administration as many messages, and arrives piecemeal on old phones. */
export const MAX_SEGMENTS = 3;
export const MAX_LENGTH: Record<TemplatePart, number> = { sms: 1000, subject: 200, body: 5000 };

type TemplatesConfig = Pick<Config, 'publicUrl' | 'timeZone'>;

export interface TemplatesView {
  procedure: { id: string; title: string };
  /** The procedure's own templates: kind → language → texts. */
  own: Partial<Record<NewsKind, Partial<Record<Locale, TemplateSet>>>>;
}

export function isKind(value: unknown): value is NewsKind {
  return typeof value === 'string' && (NEWS_KINDS as readonly string[]).includes(value);
}

/** The procedure's templates, for a manager over its administration; anyone else gets a 404. */
export async function templatesOf(db: Kysely<DB>, manager: SessionUser, procedureId: string, locale: string): Promise<TemplatesView> {
  const procedure = (await managedProcedures(db, manager, locale)).find((p) => p.id === procedureId);
  if (!procedure) throw new HttpProblem(404, 'instruction.routing.notfound');
  const rows = await db.selectFrom('procedure_notification_templates').select(['kind', 'locale', 'sms', 'subject', 'body']).where('procedure_id', '=', procedure.id).execute();
  const own: TemplatesView['own'] = {};
  for (const r of rows) {
    if (!isKind(r.kind) || !isLocale(r.locale)) continue;
    (own[r.kind] ??= {})[r.locale] = { sms: r.sms, subject: r.subject, body: r.body };
  }
  return { procedure, own };
}

/**
 * The platform's text as a starting point, with its parameters renamed to the placeholders managers use
 * ({title} → {procedure}, {url} → {link}, {reason} → {motivation}).
 */
export function startingText(locale: Locale, kind: NewsKind): TemplateSet {
  const t = platformTemplate(locale, kind);
  const rename = (s: string) => s.replace(/\{title\}/g, '{procedure}').replace(/\{url\}/g, '{link}').replace(/\{reason\}/g, '{motivation}');
  return { sms: rename(t.sms), subject: rename(t.subject), body: rename(t.body) };
}

/** The procedure's title in a language (French when it has none there). */
async function titleIn(db: Kysely<DB>, procedureId: string, locale: Locale): Promise<string> {
  const { rows } = await sql<{ title: string }>`
    SELECT coalesce(t.title, f.title) AS title FROM procedure_texts f
    LEFT JOIN procedure_texts t ON t.procedure_id = f.procedure_id AND t.locale = ${locale}
    WHERE f.procedure_id = ${procedureId} AND f.locale = 'fr'`.execute(db);
  return rows[0]?.title ?? '';
}

const SAMPLE_REFERENCE = 'DOS-2026-7K3F9Q';

/** What the preview fills in: a plausible dossier of this procedure, in the template's language. */
export function sampleValues(config: TemplatesConfig, locale: Locale, kind: NewsKind, procedure: string): Values {
  return newsValues(locale, config.timeZone, {
    reference: SAMPLE_REFERENCE,
    procedure,
    link: `${config.publicUrl}/dossiers/${newId()}`,
    status: KIND_STATUS[kind] ?? 'in_review',
    dueAt: new Date(Date.now() + 30 * 86_400_000),
    motivation: translate(locale, 'notifications.sample.motivation'),
  });
}

const STATUSES: readonly DossierStatus[] = ['submitted', 'in_review', 'correction', 'accepted', 'refused', 'closed'];

/**
 * Every value each placeholder of an SMS can take, as far as its length and alphabet go: the reference and
 * the link have a fixed shape, the title is this procedure's, a message may come in any status, and a date
 * is written with its month's name (« août » alone is outside the GSM alphabet).
 */
function smsCandidates(config: TemplatesConfig, locale: Locale, kind: NewsKind, procedure: string): Partial<Record<Placeholder, string[]>> {
  const i18n = createI18n(locale, config.timeZone);
  const year = new Date().getUTCFullYear() + 1;
  const status = KIND_STATUS[kind];
  return {
    reference: [SAMPLE_REFERENCE],
    procedure: [procedure],
    link: [`${config.publicUrl}/dossiers/${newId()}`],
    status: (status ? [status] : STATUSES).map((s) => translate(locale, `dossiers.status.${s}` as MessageKey)),
    due_date: [...Array.from({ length: 12 }, (_, m) => i18n.date(new Date(Date.UTC(year, m, 28, 12)))), translate(locale, 'notifications.nodue')],
  };
}

/** The most parts an SMS template can cost once filled: every combination of the values it uses is tried. */
export function worstSms(config: TemplatesConfig, locale: Locale, kind: NewsKind, procedure: string, sms: string): SmsLength {
  const candidates = smsCandidates(config, locale, kind, procedure);
  const used = (Object.keys(candidates) as Placeholder[]).filter((p) => sms.includes(`{${p}}`));
  let combos: Values[] = [{}];
  for (const p of used) combos = combos.flatMap((c) => candidates[p]!.map((v) => ({ ...c, [p]: v })));
  let worst: SmsLength | null = null;
  for (const values of combos) {
    const length = smsLength(fill(sms, values));
    if (!worst || length.segments > worst.segments || (length.segments === worst.segments && length.units > worst.units)) worst = length;
  }
  return worst!;
}

/** Characters as a manager can recognise them: a no-break space (pasted from a word processor) is named. */
export function shownChars(chars: string[], reader: Locale): string {
  return chars.map((c) => (/^[\u00a0\u2007\u202f]$/.test(c) ? translate(reader, 'notifications.nbsp') : /^\s$/u.test(c) ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : c)).join(' ');
}

export interface TemplateError {
  field: TemplatePart | 'language';
  key: MessageKey;
  params?: Params;
}

export interface Checked {
  errors: TemplateError[];
  /** The SMS as typed, and at its longest once filled. */
  sms: { typed: SmsLength; worst: SmsLength };
  preview: TemplateSet;
}

const PART_NAMES: Record<TemplatePart, MessageKey> = { sms: 'notifications.field.sms', subject: 'notifications.field.subject', body: 'notifications.field.body' };

/** Checks a template as typed, and draws its preview; nothing is written. */
export async function checkTemplate(db: Kysely<DB>, config: TemplatesConfig, view: TemplatesView, kind: NewsKind, locale: Locale, set: TemplateSet, reader: Locale): Promise<Checked> {
  const procedure = await titleIn(db, view.procedure.id, locale);
  const errors: TemplateError[] = [];
  for (const part of TEMPLATE_PARTS) {
    const text = set[part];
    const name = translate(reader, PART_NAMES[part]);
    if (text.trim() === '') errors.push({ field: part, key: 'notifications.error.required', params: { part: name } });
    else if (text.length > MAX_LENGTH[part]) errors.push({ field: part, key: 'notifications.error.toolong', params: { part: name, max: MAX_LENGTH[part] } });
    const allowed = placeholdersFor(kind, part);
    const unknown = unknownPlaceholders(text, allowed);
    if (unknown.length > 0) errors.push({ field: part, key: 'notifications.error.unknown', params: { part: name, names: unknown.join(', '), allowed: allowed.map((p) => `{${p}}`).join(' ') } });
  }
  if (/[\r\n]/.test(set.subject)) errors.push({ field: 'subject', key: 'notifications.error.oneline' });
  const typed = smsLength(set.sms);
  const worst = worstSms(config, locale, kind, procedure, set.sms);
  if (worst.segments > MAX_SEGMENTS) {
    errors.push({ field: 'sms', key: 'notifications.error.segments', params: { segments: worst.segments, max: MAX_SEGMENTS, chars: shownChars(worst.nonGsm, reader) || '—' } });
  }
  if (locale !== 'fr' && !view.own[kind]?.fr) errors.push({ field: 'language', key: 'notifications.error.frenchfirst' });
  const values = sampleValues(config, locale, kind, procedure);
  return { errors, sms: { typed, worst }, preview: { sms: fill(set.sms, values), subject: fill(set.subject, values), body: fill(set.body, values) } };
}

/** Saves a checked template (nothing when it has errors), audited in the same transaction. */
export async function saveTemplate(db: Kysely<DB>, config: TemplatesConfig, manager: SessionUser, view: TemplatesView, kind: NewsKind, locale: Locale, set: TemplateSet, reader: Locale): Promise<Checked> {
  const checked = await checkTemplate(db, config, view, kind, locale, set, reader);
  if (checked.errors.length > 0) return checked;
  const values = { sms: set.sms, subject: set.subject, body: set.body, updated_by: manager.id, updated_at: new Date() };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('procedure_notification_templates')
      .values({ procedure_id: view.procedure.id, kind, locale, ...values })
      .onConflict((oc) => oc.columns(['procedure_id', 'kind', 'locale']).doUpdateSet(values))
      .execute();
    await appendAudit(trx, {
      actorId: manager.id,
      action: 'notifications.update',
      subject: { type: 'procedure', id: view.procedure.id },
      administrationId: manager.administrationId,
      details: { kind, locale, sms: set.sms, subject: set.subject, body: set.body },
    });
  });
  return checked;
}

/** Back to the platform's text for one kind and language. French goes last: it is the others' reference. */
export async function deleteTemplate(db: Kysely<DB>, manager: SessionUser, view: TemplatesView, kind: NewsKind, locale: Locale): Promise<'deleted' | 'frenchneeded' | 'none'> {
  const mine = view.own[kind] ?? {};
  if (!mine[locale]) return 'none';
  if (locale === 'fr' && LOCALES.some((l) => l !== 'fr' && mine[l])) return 'frenchneeded';
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('procedure_notification_templates').where('procedure_id', '=', view.procedure.id).where('kind', '=', kind).where('locale', '=', locale).execute();
    await appendAudit(trx, {
      actorId: manager.id,
      action: 'notifications.update',
      subject: { type: 'procedure', id: view.procedure.id },
      administrationId: manager.administrationId,
      details: { kind, locale, deleted: true },
    });
  });
  return 'deleted';
}
