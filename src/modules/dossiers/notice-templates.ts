// The words an applicant receives at each step: the platform's (locales/*.json, `dossiers.notify.<kind>.*`) or
// the procedure's own (table procedure_notification_templates, written by its managers in the back office).
// Pure rules shared by the sending side (notify-applicant.ts, submit.ts) and the editing page: which kinds,
// which placeholders each may use, how they are filled, which text wins for a language (decision 0014).
import type { Locale } from '../../config.ts';
import type { DossierStatus } from '../../platform/db/schema.ts';
import { createI18n, translate, type MessageKey } from '../../platform/i18n/index.ts';

export const NEWS_KINDS = ['submitted', 'in_review', 'correction', 'accepted', 'refused', 'closed', 'reopened', 'message'] as const;
/** The templates of one kind of news: `dossiers.notify.<kind>.sms`, `.subject` and `.email`. */
export type NewsKind = (typeof NEWS_KINDS)[number];

export const TEMPLATE_PARTS = ['sms', 'subject', 'body'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
export type TemplateSet = Record<TemplatePart, string>;

export const PLACEHOLDERS = ['reference', 'procedure', 'status', 'link', 'due_date', 'motivation'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type Values = Partial<Record<Placeholder, string>>;

/** The status a kind of news announces; a message leaves the status as it is. */
export const KIND_STATUS: Record<NewsKind, DossierStatus | null> = {
  submitted: 'submitted',
  in_review: 'in_review',
  correction: 'correction',
  accepted: 'accepted',
  refused: 'refused',
  closed: 'closed',
  reopened: 'in_review',
  message: null,
};

// A motivation (decisions) or a reason (correction) is up to 4,000 characters: only the e-mail's body can
// hold one; a deadline means nothing once the dossier is decided.
const WITH_MOTIVATION: readonly NewsKind[] = ['correction', 'accepted', 'refused', 'closed'];
const WITH_DUE_DATE: readonly NewsKind[] = ['submitted', 'in_review', 'correction', 'reopened', 'message'];

/** The placeholders one part of one kind's template may use. */
export function placeholdersFor(kind: NewsKind, part: TemplatePart): Placeholder[] {
  return PLACEHOLDERS.filter((p) => {
    if (p === 'motivation') return part === 'body' && WITH_MOTIVATION.includes(kind);
    if (p === 'due_date') return WITH_DUE_DATE.includes(kind);
    return true;
  });
}

// Any pair of braces is read as a placeholder, so that a typo ({referense}) is refused rather than sent as is.
const BRACES = /\{([^{}]*)\}/g;

/** The placeholders of a text that this part may not use, each once, as written (`{referense}`). */
export function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  const found = [...text.matchAll(BRACES)].filter((m) => !allowed.includes(m[1]!)).map((m) => m[0]);
  return [...new Set(found)];
}

/**
 * Fills the placeholders in one pass, so a value is never read as a template: a motivation typed as
 * "{reference}" stays that text. Values are plain text; e-mails go as text/plain and SMS as text.
 */
export function fill(text: string, values: Values): string {
  return text.replace(BRACES, (whole, name: string) => values[name as Placeholder] ?? whole);
}

/** The platform's own text of a kind in a language (French where that language has none). */
export function platformTemplate(locale: Locale, kind: NewsKind): TemplateSet {
  const key = (part: string) => `dossiers.notify.${kind}.${part}` as MessageKey;
  return { sms: translate(locale, key('sms')), subject: translate(locale, key('subject')), body: translate(locale, key('email')) };
}

/** Whether the platform says this kind in this language itself, rather than falling back to French. */
function platformSpeaks(locale: Locale, kind: NewsKind): boolean {
  if (locale === 'fr') return true;
  const own = platformTemplate(locale, kind);
  const fr = platformTemplate('fr', kind);
  return own.sms !== fr.sms || own.body !== fr.body;
}

export type TemplateSource = 'procedure' | 'procedure-fr' | 'platform';

/**
 * Which text an applicant of this language gets (decision 0014): the procedure's in his language; else the
 * platform's in his language when the platform has one; else the procedure's French (better than the
 * platform's French: it says what the administration wanted said); else the platform's.
 */
export function chooseTemplate(locale: Locale, kind: NewsKind, own: Partial<Record<string, TemplateSet>>): { source: TemplateSource; template: TemplateSet | null } {
  const mine = own[locale];
  if (mine) return { source: 'procedure', template: mine };
  if (own.fr && !platformSpeaks(locale, kind)) return { source: 'procedure-fr', template: own.fr };
  return { source: 'platform', template: null };
}

/** The values of a real piece of news, in the applicant's language and the service's time zone. */
export function newsValues(
  locale: Locale,
  timeZone: string,
  d: { reference: string; procedure: string; link: string; status: DossierStatus; dueAt: Date | null; motivation?: string },
): Values {
  return {
    reference: d.reference,
    procedure: d.procedure,
    link: d.link,
    status: translate(locale, `dossiers.status.${d.status}` as MessageKey),
    due_date: d.dueAt ? createI18n(locale, timeZone).date(d.dueAt) : translate(locale, 'notifications.nodue'),
    motivation: d.motivation ?? '',
  };
}
