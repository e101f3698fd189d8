// Who sees which dossiers in the back office — the rule that must never break. An agent sees the dossiers
// routed to his teams; a manager every dossier of his administration and of the services under it. An
// operator runs the platform and reads no citizen's file. Every back-office query takes a Scope, and only
// this file makes one.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/session.ts';

export type Scope = { by: 'team'; ids: string[] } | { by: 'administration'; ids: string[] };

export async function scopeOf(db: Kysely<DB>, user: SessionUser): Promise<Scope> {
  if (user.role === 'manager' && user.administrationId) return { by: 'administration', ids: await administrationTree(db, user.administrationId) };
  if (user.role === 'agent') return { by: 'team', ids: await teamsOf(db, user.id) };
  return { by: 'team', ids: [] };
}

export async function teamsOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

/** An administration and every service under it (ministry → directorates → services). */
export async function administrationTree(db: Kysely<DB>, rootId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE tree AS (
      SELECT id FROM administrations WHERE id = ${rootId}
      UNION SELECT a.id FROM administrations a JOIN tree ON a.parent_id = tree.id)
    SELECT id FROM tree`.execute(db);
  return rows.map((r) => r.id);
}

/** The teams a scope may route to or filter on: its own teams, or every team of its administrations. */
export async function visibleTeams(db: Kysely<DB>, scope: Scope): Promise<{ id: string; name: string }[]> {
  if (scope.ids.length === 0) return [];
  const column = scope.by === 'team' ? 'id' : 'administration_id';
  return db.selectFrom('teams').select(['id', 'name']).where(column, 'in', scope.ids).orderBy('name').execute();
}
