// The shape of a country pack under procedures/<country>/: `pack.yaml` (administrations and service points)
// and one `<slug>.yaml` per procedure fiche. The format is documented in docs/procedures.md.
import { z } from 'zod';

export const COUNTRIES = ['ne', 'sn', 'ci'] as const;
export type Country = (typeof COUNTRIES)[number];

/** Life-event categories: the citizen's way in ("I am having a child"), not the administration's org chart. */
export const CATEGORIES = [
  'famille',
  'identite',
  'justice',
  'voyage',
  'transport',
  'entreprise',
  'logement',
  'education',
  'emploi',
  'sante',
  'impots',
  'agriculture',
  'social',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CONTENT_LOCALES = ['fr', 'en', 'ha', 'dje', 'wo'] as const;

/** Codes and slugs: lowercase letters, digits and dashes (also checked on URLs before any query). */
export const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/**
 * Links put in citizens' pages: web addresses or paths of this site. Never `javascript:` or the like, nor
 * `//elsewhere` (a path-looking link to another site).
 */
export const WEB_LINK = /^(https?:\/\/[^\s"<>]+|\/(?![/\\])[^\s"<>]*)$/;

export const isSlug = (value: string) => value.length <= 80 && CODE_PATTERN.test(value);

const code = z.string().regex(CODE_PATTERN, 'lowercase letters, digits and dashes only');
const text = z.string().trim().min(1);

type AdministrationNode = { code: string; name: string; acronym?: string; children?: AdministrationNode[] };
const administration: z.ZodType<AdministrationNode> = z.lazy(() =>
  z
    .object({
      code,
      name: text,
      acronym: text.optional(),
      children: z.array(administration).optional(),
    })
    .strict(),
);

const servicePoint = z
  .object({
    code,
    name: text,
    administration: code,
    address: text,
    city: text,
    hours: text.optional(),
    phone: text.optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  })
  .strict();

export const packFileSchema = z
  .object({
    country: z.enum(COUNTRIES),
    administrations: z.array(administration),
    service_points: z.array(servicePoint).default([]),
  })
  .strict();
export type PackFile = z.infer<typeof packFileSchema>;

/** The words of a fiche in one language. French is required; other languages fall back to French field by field. */
const ficheContent = z
  .object({
    title: text.max(200),
    summary: text.max(600),
    who: text.optional(),
    steps: z.array(text).default([]),
    documents: z.array(text).default([]),
    cost_note: text.optional(),
    delay: text.optional(),
    legal_basis: z.array(text).default([]),
    complaint: text.optional(),
  })
  .strict();
export type FicheContent = z.infer<typeof ficheContent>;

export const procedureFileSchema = z
  .object({
    slug: code.max(80),
    category: z.enum(CATEGORIES),
    administration: code,
    /** Relative demand, 0–100: orders the "most requested" list on the home page. */
    popularity: z.number().int().min(0).max(100).default(0),
    /** Fee in whole XOF; 0 means free. Absent when the cost depends on the case (then cost_note explains). */
    cost: z.number().int().min(0).optional(),
    /** Legal or announced delay in calendar days. */
    delay_days: z.number().int().min(0).optional(),
    online: z
      // Only web addresses: a link is put in citizens' pages as it is written here.
      .object({ available: z.boolean(), url: z.string().regex(WEB_LINK, 'an https:// address or a path starting with /').optional() })
      .strict()
      .default({ available: false }),
    service_points: z.array(code).default([]),
    updated: z.coerce.date(),
    fr: ficheContent,
    en: ficheContent.partial().optional(),
    ha: ficheContent.partial().optional(),
    dje: ficheContent.partial().optional(),
    wo: ficheContent.partial().optional(),
  })
  .strict();
export type ProcedureFile = z.infer<typeof procedureFileSchema>;
