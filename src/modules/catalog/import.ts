// Writes a validated country pack into the catalog. Idempotent: importing the same pack twice changes
// nothing; an edited pack updates its fiches in place (matched by country and slug). A fiche with an online
// form links to Guichet's own pages, and its form becomes a new published revision when it changed.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import type { Pack } from './pack-reader.ts';
import { CONTENT_LOCALES, type FicheContent, type PackFile, type ProcedureFile } from './pack-schema.ts';
import { catalogChanged } from './store.ts';
import { searchConfigOf } from './search-config.ts';
import { publishDefinition } from '../dossiers/revisions-store.ts';
import { onlineStart } from '../dossiers/paths.ts';

export interface ImportSummary {
  country: string;
  administrations: number;
  servicePoints: number;
  procedures: number;
}

export async function importPack(
  db: Kysely<DB>,
  pack: Pack,
  progress: (done: number, total: number) => void = () => {},
): Promise<ImportSummary> {
  const country = pack.pack.country;
  const summary = await db.transaction().execute(async (trx) => {
    const adminIds = await importAdministrations(trx, country, pack.pack.administrations);
    const pointIds = await importServicePoints(trx, country, pack.pack.service_points, adminIds);
    let done = 0;
    const forms = new Map(pack.forms.map((f) => [f.slug, f.definition]));
    for (const proc of pack.procedures) {
      const form = forms.get(proc.slug);
      const id = await importProcedure(trx, country, form ? { ...proc, online: { available: true, url: onlineStart(proc.slug) } } : proc, adminIds, pointIds);
      if (form) await publishDefinition(trx, id, form);
      progress(++done, pack.procedures.length);
    }
    return { country, administrations: adminIds.size, servicePoints: pointIds.size, procedures: done };
  });
  await catalogChanged(db);
  return summary;
}

async function importAdministrations(trx: Transaction<DB>, country: string, roots: PackFile['administrations']) {
  const ids = new Map<string, string>();
  const walk = async (nodes: PackFile['administrations'], parentId: string | null) => {
    for (const node of nodes) {
      const row = await trx
        .insertInto('administrations')
        .values({ id: newId(), code: node.code, country, parent_id: parentId, name: node.name, acronym: node.acronym ?? null })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({ parent_id: parentId, name: node.name, acronym: node.acronym ?? null, country }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(node.code, row.id);
      await walk(node.children ?? [], row.id);
    }
  };
  await walk(roots, null);
  return ids;
}

async function importServicePoints(
  trx: Transaction<DB>,
  country: string,
  points: PackFile['service_points'],
  adminIds: Map<string, string>,
) {
  const ids = new Map<string, string>();
  for (const p of points) {
    const values = {
      country,
      administration_id: adminIds.get(p.administration)!,
      name: p.name,
      address: p.address,
      city: p.city,
      hours: p.hours ?? null,
      phone: p.phone ?? null,
      latitude: p.latitude ?? null,
      longitude: p.longitude ?? null,
    };
    const row = await trx
      .insertInto('service_points')
      .values({ id: newId(), code: p.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(p.code, row.id);
  }
  return ids;
}

async function importProcedure(
  trx: Transaction<DB>,
  country: string,
  proc: ProcedureFile,
  adminIds: Map<string, string>,
  pointIds: Map<string, string>,
) {
  const values = {
    category: proc.category,
    administration_id: adminIds.get(proc.administration)!,
    popularity: proc.popularity,
    cost_xof: proc.cost ?? null,
    delay_days: proc.delay_days ?? null,
    online_available: proc.online.available,
    online_url: proc.online.url ?? null,
    updated_at: proc.updated,
  };
  const { id } = await trx
    .insertInto('procedures')
    .values({ id: newId(), country, slug: proc.slug, ...values })
    .onConflict((oc) => oc.columns(['country', 'slug']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const locale of CONTENT_LOCALES) {
    const content = proc[locale];
    if (content) await saveTexts(trx, id, locale, content);
  }
  await trx.deleteFrom('procedure_service_points').where('procedure_id', '=', id).execute();
  const points = proc.service_points.map((code) => ({ procedure_id: id, service_point_id: pointIds.get(code)! }));
  if (points.length > 0) await trx.insertInto('procedure_service_points').values(points).execute();
  return id;
}

/** Stores one language of a fiche and recomputes its search vector (title weighs most, then summary). */
export async function saveTexts(
  trx: Kysely<DB> | Transaction<DB>,
  procedureId: string,
  locale: string,
  content: Partial<FicheContent>,
): Promise<void> {
  const row = {
    title: content.title ?? null,
    summary: content.summary ?? null,
    who: content.who ?? null,
    steps: JSON.stringify(content.steps ?? []),
    documents: JSON.stringify(content.documents ?? []),
    cost_note: content.cost_note ?? null,
    delay: content.delay ?? null,
    legal_basis: JSON.stringify(content.legal_basis ?? []),
    complaint: content.complaint ?? null,
  };
  await trx
    .insertInto('procedure_texts')
    .values({ procedure_id: procedureId, locale, ...row })
    .onConflict((oc) => oc.columns(['procedure_id', 'locale']).doUpdateSet(row))
    .execute();
  await sql`
    UPDATE procedure_texts SET search =
      setweight(to_tsvector(cfg, coalesce(title, '')), 'A') ||
      setweight(to_tsvector(cfg, coalesce(summary, '')), 'B') ||
      setweight(to_tsvector(cfg, coalesce(who, '') || ' ' || documents::text || ' ' || steps::text), 'C')
    FROM (SELECT ${searchConfigOf(locale)}::regconfig AS cfg) c
    WHERE procedure_id = ${procedureId} AND locale = ${locale}`.execute(trx);
}
