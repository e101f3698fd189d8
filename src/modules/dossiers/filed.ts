// A filed dossier opened by the back office, with the form it was filed on (never moved to a newer one) and
// its procedure even if the fiche was unpublished since. The caller has checked the agent's scope.
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { OpenDossier } from './drafts.ts';
import { revisionById } from './revisions-store.ts';
import * as store from './store.ts';

export async function openFiled(db: Kysely<DB>, id: string, locale: string): Promise<OpenDossier | undefined> {
  const dossier = await store.filedDossier(db, id);
  if (!dossier) return undefined;
  const [procedure, revision] = await Promise.all([store.procedureHead(db, { id: dossier.procedureId }, locale, true), revisionById(db, dossier.revisionId)]);
  return procedure && revision ? { dossier, definition: revision.definition, procedure, dropped: [] } : undefined;
}
