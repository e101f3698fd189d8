// `guichet documents-keys` and `guichet documents-rotate-key <administration>`: list the sealing keys, and
// retire an administration's active key for a new one (new documents are sealed with it; documents sealed
// before stay valid, the retired key staying published with its validity period).
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { rotateKey } from '../modules/documents/index.ts';

export async function documentsKeys(db: Kysely<DB>): Promise<number> {
  const rows = await db
    .selectFrom('document_keys as k')
    .innerJoin('administrations as a', 'a.id', 'k.administration_id')
    .select(['k.id', 'k.created_at', 'k.retired_at', 'a.code'])
    .orderBy('a.code')
    .orderBy('k.created_at')
    .execute();
  if (rows.length === 0) console.log('no sealing key yet: each administration gets one when it issues its first document');
  for (const r of rows) {
    console.log(`${r.code}\t${r.id}\t${r.retired_at ? `retired ${r.retired_at.toISOString()}` : 'active'}\tsince ${r.created_at.toISOString()}`);
  }
  return 0;
}

export async function documentsRotateKey(db: Kysely<DB>, masterKey: Buffer, args: string[]): Promise<number> {
  const which = args[0];
  if (!which || args.length > 1) {
    console.error('documents-rotate-key needs one administration (its code or id), e.g. guichet documents-rotate-key ne-justice');
    return 1;
  }
  const admin = await db.selectFrom('administrations').select(['id', 'code']).where((eb) => eb.or([eb('code', '=', which), eb('id', '=', which)])).executeTakeFirst();
  if (!admin) {
    console.error(`no administration ${which}`);
    return 1;
  }
  const { id, retired } = await rotateKey(db, masterKey, admin.id);
  console.log(`${admin.code}: new sealing key ${id}${retired ? `; key ${retired} retired (it stays published: the documents it sealed remain valid)` : ''}`);
  return 0;
}
