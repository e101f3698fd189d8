// SQL of the staff module: second factors, codes, trusted browsers, teams and invitations.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, SecondFactorMethod } from '../../platform/db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;
export const STAFF_ROLES_IN_ADMINISTRATION = ['agent', 'manager'] as const;

// --- second factor -----------------------------------------------------------------------------------------

export function findSecondFactor(db: Q, userId: string) {
  return db.selectFrom('staff_second_factors').select(['method', 'totp_secret', 'totp_last_step']).where('user_id', '=', userId).executeTakeFirst();
}

export async function setSecondFactor(db: Q, f: { userId: string; method: SecondFactorMethod; totpSecret: string | null; lastStep?: number | null }) {
  const values = { method: f.method, totp_secret: f.totpSecret, totp_last_step: f.lastStep ?? null, updated_at: new Date() };
  await db
    .insertInto('staff_second_factors')
    .values({ user_id: f.userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/** Records `step` as used; false when that step (or a later one) was already used: the code is a replay. */
export async function takeTotpStep(db: Q, userId: string, step: number): Promise<boolean> {
  const res = await db
    .updateTable('staff_second_factors')
    .set({ totp_last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// --- codes sent by SMS or e-mail ---------------------------------------------------------------------------

export async function insertCode(db: Q, c: { id: string; userId: string; codeHash: string; expiresAt: Date }) {
  // A new code replaces any earlier one still pending.
  await db.updateTable('staff_codes').set({ used_at: new Date() }).where('user_id', '=', c.userId).where('used_at', 'is', null).execute();
  await db.insertInto('staff_codes').values({ id: c.id, user_id: c.userId, code_hash: c.codeHash, expires_at: c.expiresAt }).execute();
}

export function latestPendingCode(db: Q, userId: string) {
  return db
    .selectFrom('staff_codes')
    .selectAll()
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts one attempt, atomically; false once the limit is reached (parallel guesses cannot exceed it). */
export async function takeCodeAttempt(db: Q, id: string, max: number): Promise<boolean> {
  const res = await db
    .updateTable('staff_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', max)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function consumeCode(db: Q, id: string): Promise<boolean> {
  const res = await db.updateTable('staff_codes').set({ used_at: new Date() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// --- trusted browsers --------------------------------------------------------------------------------------

export async function insertTrustedDevice(db: Q, d: { tokenHash: string; userId: string; expiresAt: Date }) {
  // The user's expired entries go at the same time: the table stays the size of the live trust.
  await db.deleteFrom('trusted_devices').where('user_id', '=', d.userId).where('expires_at', '<', new Date()).execute();
  await db.insertInto('trusted_devices').values({ token_hash: d.tokenHash, user_id: d.userId, expires_at: d.expiresAt }).execute();
}

export function findTrustedDevice(db: Q, tokenHash: string) {
  return db.selectFrom('trusted_devices').select(['user_id', 'expires_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

// --- people and administrations ----------------------------------------------------------------------------

export function findUser(db: Q, id: string) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'phone', 'role', 'administration_id']).where('id', '=', id).executeTakeFirst();
}

export async function userWithContact(db: Q, c: { email?: string | null; phone?: string | null }): Promise<boolean> {
  if (!c.email && !c.phone) return false;
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([...(c.email ? [eb('email', '=', c.email)] : []), ...(c.phone ? [eb('phone', '=', c.phone)] : [])]))
    .executeTakeFirst();
  return row !== undefined;
}

/** An administration and every service under it (ministry → directorates → services), parents first. */
export async function administrationTree(db: Q, rootId: string): Promise<{ id: string; name: string; depth: number }[]> {
  const { rows } = await sql<{ id: string; name: string; depth: number }>`
    WITH RECURSIVE tree AS (
      SELECT id, name, parent_id, 0 AS depth, name::text AS path FROM administrations WHERE id = ${rootId}
      UNION ALL
      SELECT a.id, a.name, a.parent_id, tree.depth + 1, tree.path || ' / ' || a.name
      FROM administrations a JOIN tree ON a.parent_id = tree.id WHERE tree.depth < 10)
    SELECT id, name, depth FROM tree ORDER BY path`.execute(db);
  return rows.map((r) => ({ ...r, depth: Number(r.depth) }));
}

export function staffOf(db: Q, administrationIds: string[]) {
  if (administrationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'phone', 'role', 'administration_id'])
    .where('administration_id', 'in', administrationIds)
    .where('role', 'in', STAFF_ROLES_IN_ADMINISTRATION)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

// --- teams -------------------------------------------------------------------------------------------------

export function teamsOf(db: Q, administrationIds: string[]) {
  if (administrationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('teams').select(['id', 'name', 'administration_id']).where('administration_id', 'in', administrationIds).orderBy('name').execute();
}

export function membersOf(db: Q, teamIds: string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('team_members').select(['team_id', 'user_id']).where('team_id', 'in', teamIds).execute();
}

export function findTeam(db: Q, id: string) {
  return db.selectFrom('teams').select(['id', 'name', 'administration_id']).where('id', '=', id).executeTakeFirst();
}

export function findTeamByName(db: Q, administrationId: string, name: string) {
  return db.selectFrom('teams').select('id').where('administration_id', '=', administrationId).where(sql<string>`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

export async function insertTeam(db: Q, t: { id: string; administrationId: string; name: string }) {
  await db.insertInto('teams').values({ id: t.id, administration_id: t.administrationId, name: t.name }).execute();
}

/** True when the person was not already in the team. */
export async function addMember(db: Q, teamId: string, userId: string): Promise<boolean> {
  const row = await db.insertInto('team_members').values({ team_id: teamId, user_id: userId }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
  return row !== undefined;
}

/** True when the person was in the team. */
export async function removeMember(db: Q, teamId: string, userId: string): Promise<boolean> {
  const res = await db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

// --- invitations -------------------------------------------------------------------------------------------

export interface NewInvitation {
  id: string;
  tokenHash: string;
  administrationId: string;
  teamId: string | null;
  role: 'agent' | 'manager';
  email: string | null;
  phone: string | null;
  totpSecret: string;
  invitedBy: string;
  expiresAt: Date;
}

export async function insertInvitation(db: Q, i: NewInvitation) {
  await db
    .insertInto('staff_invitations')
    .values({
      id: i.id,
      token_hash: i.tokenHash,
      administration_id: i.administrationId,
      team_id: i.teamId,
      role: i.role,
      email: i.email,
      phone: i.phone,
      totp_secret: i.totpSecret,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
    })
    .execute();
}

/** A usable invitation: not accepted, not expired. */
export function findOpenInvitation(db: Q, tokenHash: string) {
  return db
    .selectFrom('staff_invitations')
    .innerJoin('administrations', 'administrations.id', 'staff_invitations.administration_id')
    .leftJoin('teams', 'teams.id', 'staff_invitations.team_id')
    .select([
      'staff_invitations.id',
      'staff_invitations.administration_id',
      'staff_invitations.team_id',
      'staff_invitations.role',
      'staff_invitations.email',
      'staff_invitations.phone',
      'staff_invitations.totp_secret',
      'staff_invitations.invited_by',
      'administrations.name as administration_name',
      'teams.name as team_name',
    ])
    .where('staff_invitations.token_hash', '=', tokenHash)
    .where('staff_invitations.accepted_at', 'is', null)
    .where('staff_invitations.expires_at', '>', new Date())
    .executeTakeFirst();
}

export function openInvitationsOf(db: Q, administrationIds: string[]) {
  if (administrationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staff_invitations')
    .select(['id', 'email', 'phone', 'role', 'team_id', 'administration_id', 'expires_at'])
    .where('administration_id', 'in', administrationIds)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

/** Marks the invitation used; false if it was used (or ran out) in the meantime: a link works once. */
export async function acceptInvitation(db: Q, id: string, userId: string): Promise<boolean> {
  const res = await db
    .updateTable('staff_invitations')
    .set({ accepted_at: new Date(), accepted_user_id: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
