// What a manager does with people: teams of his administration (and of the services under it), who is in
// them, and invitations that bring new agents and managers in. Every id that comes from a form is checked to
// belong to the manager's administrations: anything else is "not found", and nothing changes.
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/db/schema.ts';
import type { I18n } from '../../platform/i18n/index.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import type { Country } from '../catalog/pack-schema.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { newId } from '../../platform/db/ids.ts';
import { randomToken, sha256 } from '../../platform/crypto/tokens.ts';
import { allow } from '../../platform/auth/throttle.ts';
import { newTotpSecret } from '../../platform/auth/totp.ts';
import { queueMessage } from '../../platform/notify/messages.ts';
import { appendAudit, type AuditEntry } from '../../platform/audit/index.ts';
import { normalisePhone } from '../accounts/index.ts';
import { fail, type Failure, type Result } from './service.ts';
import * as store from './store.ts';

export const INVITATION_DAYS = 7;
const INVITATIONS_PER_MANAGER_PER_HOUR = 30;
const TEAM_NAME_MAX = 80;

export interface ManagerScope {
  userId: string;
  /** The manager's administration first, then the services under it. */
  administrations: { id: string; name: string; depth: number }[];
}

/** The administrations a manager acts on; only the manager role of an administration has one. */
export async function managerScope(db: Kysely<DB>, user: SessionUser): Promise<ManagerScope> {
  if (user.role !== 'manager' || !user.administrationId) throw new HttpProblem(403, 'error.forbidden');
  return { userId: user.id, administrations: await store.administrationTree(db, user.administrationId) };
}

const inScope = (scope: ManagerScope, administrationId: string | null | undefined) =>
  administrationId != null && scope.administrations.some((a) => a.id === administrationId);

/** The page's data: teams with their members, the staff who could join them, invitations still open. */
export async function teamsOverview(db: Kysely<DB>, scope: ManagerScope) {
  const ids = scope.administrations.map((a) => a.id);
  const [teams, staff, invitations] = await Promise.all([store.teamsOf(db, ids), store.staffOf(db, ids), store.openInvitationsOf(db, ids)]);
  const members = await store.membersOf(db, teams.map((t) => t.id));
  const byId = new Map(staff.map((s) => [s.id, s]));
  return {
    administrations: scope.administrations,
    staff,
    invitations,
    teams: teams.map((t) => ({
      ...t,
      members: members.filter((m) => m.team_id === t.id).flatMap((m) => byId.get(m.user_id) ?? []),
    })),
  };
}

async function teamInScope(db: Kysely<DB>, scope: ManagerScope, teamId: string) {
  const team = await store.findTeam(db, teamId.slice(0, 40));
  if (!team || !inScope(scope, team.administration_id)) throw new HttpProblem(404, 'error.notfound');
  return team;
}

export async function createTeam(db: Kysely<DB>, scope: ManagerScope, input: { name: string; administrationId: string }): Promise<Result<{ teamId: string }>> {
  const administrationId = input.administrationId || scope.administrations[0]!.id;
  if (!inScope(scope, administrationId)) throw new HttpProblem(404, 'error.notfound');
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) return fail('name', 'staff.error.teamname');
  if (name.length > TEAM_NAME_MAX) return fail('name', 'staff.error.teamnamelong');
  if (await store.findTeamByName(db, administrationId, name)) return fail('name', 'staff.error.teamexists');
  const teamId = newId();
  try {
    await store.insertTeam(db, { id: teamId, administrationId, name });
  } catch (err) {
    // Two managers creating the same team at once: the unique index lets one through.
    if ((err as { code?: string }).code === '23505') return fail('name', 'staff.error.teamexists');
    throw err;
  }
  return { ok: true, teamId };
}

export async function addToTeam(db: Kysely<DB>, scope: ManagerScope, input: { teamId: string; userId: string }): Promise<Result> {
  const team = await teamInScope(db, scope, input.teamId);
  if (!input.userId) return fail('member', 'staff.error.member');
  const user = await store.findUser(db, input.userId.slice(0, 40));
  if (!user || !inScope(scope, user.administration_id) || (user.role !== 'agent' && user.role !== 'manager')) throw new HttpProblem(404, 'error.notfound');
  await db.transaction().execute(async (trx) => {
    if (!(await store.addMember(trx, team.id, user.id))) return;
    // audit: rights.team_member_added
    await auditRights(trx, { actorId: scope.userId, action: 'rights.team_member_added', subject: { type: 'user', id: user.id }, administrationId: team.administration_id, details: { teamId: team.id } });
  });
  return { ok: true };
}

export async function removeFromTeam(db: Kysely<DB>, scope: ManagerScope, input: { teamId: string; userId: string }): Promise<void> {
  const team = await teamInScope(db, scope, input.teamId);
  const user = await store.findUser(db, input.userId.slice(0, 40));
  if (!user || !inScope(scope, user.administration_id)) throw new HttpProblem(404, 'error.notfound');
  await db.transaction().execute(async (trx) => {
    if (!(await store.removeMember(trx, team.id, user.id))) return;
    // audit: rights.team_member_removed
    await auditRights(trx, { actorId: scope.userId, action: 'rights.team_member_removed', subject: { type: 'user', id: user.id }, administrationId: team.administration_id, details: { teamId: team.id } });
  });
}

// --- invitations -------------------------------------------------------------------------------------------

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** An e-mail address or a phone number of a served country, as typed in one field. */
export function parseContact(text: string, country: Country): { email: string; phone: null } | { email: null; phone: string } | null {
  if (text.includes('@')) {
    const email = emailSchema.safeParse(text);
    return email.success ? { email: email.data, phone: null } : null;
  }
  const phone = normalisePhone(text, country);
  return phone ? { email: null, phone } : null;
}

export interface InvitationInput {
  contact: string;
  role: string;
  teamId: string;
  administrationId: string;
}

export async function invite(
  db: Kysely<DB>,
  scope: ManagerScope,
  input: InvitationInput,
  env: { i18n: I18n; publicUrl: string; country: Country },
): Promise<Result<{ invitationId: string }>> {
  // Forged ids first: they are not a user's mistake and deserve no form message.
  const team = input.teamId ? await teamInScope(db, scope, input.teamId) : null;
  const administrationId = team?.administration_id ?? (input.administrationId || scope.administrations[0]!.id);
  if (!inScope(scope, administrationId)) throw new HttpProblem(404, 'error.notfound');
  const errors: Failure['errors'] = [];
  const contact = parseContact(input.contact, env.country);
  if (!contact) errors.push({ field: 'contact', key: 'staff.error.contact' });
  if (input.role !== 'agent' && input.role !== 'manager') errors.push({ field: 'role', key: 'staff.error.role' });
  if (errors.length > 0 || !contact) return { ok: false, errors };
  if (await store.userWithContact(db, contact)) return fail('contact', 'staff.error.contacttaken');
  if (!(await allow(db, `invite:user:${scope.userId}`, INVITATIONS_PER_MANAGER_PER_HOUR, 3600))) return fail('contact', 'staff.error.toomanyinvites');

  const token = randomToken();
  const invitationId = newId();
  const administration = scope.administrations.find((a) => a.id === administrationId)!;
  const link = `${env.publicUrl}/agent/invitation/${token}`;
  const params = { administration: administration.name, link, days: INVITATION_DAYS };
  await db.transaction().execute(async (trx) => {
    await store.insertInvitation(trx, {
      id: invitationId,
      tokenHash: sha256(token),
      administrationId,
      teamId: team?.id ?? null,
      role: input.role as 'agent' | 'manager',
      ...contact,
      totpSecret: newTotpSecret(),
      invitedBy: scope.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    });
    await queueMessage(
      trx,
      contact.email
        ? { channel: 'email', to: contact.email, subject: env.i18n.t('staff.invite.subject', params), body: env.i18n.t('staff.invite.email', params) }
        : { channel: 'sms', to: contact.phone!, body: env.i18n.t('staff.invite.sms', params) },
    );
    // audit: rights.invitation_sent
    await auditRights(trx, {
      actorId: scope.userId,
      action: 'rights.invitation_sent',
      subject: { type: 'invitation', id: invitationId },
      administrationId,
      details: { role: input.role, teamId: team?.id ?? null, channel: contact.email ? 'email' : 'sms' },
    });
  });
  return { ok: true, invitationId };
}

/** Rights change in the transaction of the change, as its last write (the audit log serialises appends). */
export async function auditRights(trx: Transaction<DB>, entry: AuditEntry): Promise<void> {
  await appendAudit(trx, entry);
}
