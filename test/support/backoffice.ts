// The back office's people for HTTP tests: teams, and staff members already signed in with their second
// factor (the sign-in itself is tested by the staff module and the browser journey; here it would only cost
// time). A session row is written as the sign-in writes it, and its cookie given to a Visitor.
import type { TestApp } from './app.ts';
import { Visitor } from './browser-session.ts';
import { newId } from '../../src/platform/db/ids.ts';
import { administrationTree } from '../../src/modules/instruction/scope.ts';
import { randomToken, sha256 } from '../../src/platform/crypto/tokens.ts';
import { SESSION_COOKIE, type Role } from '../../src/platform/auth/session.ts';

export async function makeTeam(t: TestApp, administrationId: string, name: string): Promise<string> {
  const id = newId();
  await t.ctx.db.insertInto('teams').values({ id, administration_id: administrationId, name }).execute();
  return id;
}

/** Sets who processes a procedure (replacing the demo seed's setting). */
export async function processProcedure(t: TestApp, procedureId: string, settings: { defaultTeamId: string; legalDelayDays?: number }): Promise<void> {
  const values = { default_team_id: settings.defaultTeamId, legal_delay_days: settings.legalDelayDays ?? null };
  await t.ctx.db
    .insertInto('procedure_processing')
    .values({ procedure_id: procedureId, ...values })
    .onConflict((oc) => oc.column('procedure_id').doUpdateSet(values))
    .execute();
}

let people = 0;

/** A staff member (or, with role 'applicant', a citizen) signed in, with the second factor passed. */
export async function signedInStaff(t: TestApp, who: { role: Role; administrationId?: string | null; teamIds?: string[]; name?: string }): Promise<{ id: string; v: Visitor }> {
  const n = ++people;
  const id = newId();
  await t.ctx.db
    .insertInto('users')
    .values({ id, email: `agent${n}.${id.slice(-5).toLowerCase()}@administration.ne`, name: who.name ?? `Agent ${n}`, role: who.role, administration_id: who.administrationId ?? null })
    .execute();
  for (const teamId of who.teamIds ?? []) await t.ctx.db.insertInto('team_members').values({ team_id: teamId, user_id: id }).execute();
  const token = randomToken();
  await t.ctx.db
    .insertInto('sessions')
    .values({ id_hash: sha256(token), user_id: id, csrf_token: randomToken(24), data: JSON.stringify({ secondFactor: true }), expires_at: new Date(Date.now() + 86_400_000) })
    .execute();
  const v = new Visitor(t.app, { 'x-forwarded-for': `10.9.${Math.floor(n / 250)}.${(n % 250) + 1}` });
  v.cookies.set(SESSION_COOKIE, token);
  return { id, v };
}

/** The administration of a shipped procedure, and another one to play a stranger. */
export async function administrationsOf(t: TestApp, slug: string): Promise<{ procedureId: string; own: string; other: string }> {
  const p = await t.ctx.db.selectFrom('procedures').select(['id', 'administration_id']).where('slug', '=', slug).where('country', '=', t.config.country).executeTakeFirstOrThrow();
  const roots = await t.ctx.db.selectFrom('administrations').select('id').where('parent_id', 'is', null).where('country', '=', t.config.country).execute();
  for (const root of roots) {
    if (!(await administrationTree(t.ctx.db, root.id)).includes(p.administration_id)) return { procedureId: p.id, own: p.administration_id, other: root.id };
  }
  throw new Error('the seed has a single administration tree');
}
