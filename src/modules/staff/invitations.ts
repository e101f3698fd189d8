// Accepting an invitation: the invitee chooses name, password and second factor, and the account is made
// with the role, administration and team the manager chose — once, within the invitation's 7 days.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, SecondFactorMethod } from '../../platform/db/schema.ts';
import type { Country } from '../catalog/pack-schema.ts';
import { sha256 } from '../../platform/crypto/tokens.ts';
import { allow } from '../../platform/auth/throttle.ts';
import { verifyTotp } from '../../platform/auth/totp.ts';
import { normalisePhone } from '../accounts/index.ts';
import { createStaffUser, fail, type Failure, type Result } from './service.ts';
import { auditRights } from './teams.ts';
import * as store from './store.ts';

const TOTP_TRIES_PER_INVITATION_PER_15MIN = 10;
export const PASSWORD_MIN = 10;
const PASSWORD_MAX = 200;

export type OpenInvitation = NonNullable<Awaited<ReturnType<typeof store.findOpenInvitation>>>;

/** The invitation behind a link, if it can still be used. */
export function openInvitation(db: Kysely<DB>, token: string): Promise<OpenInvitation | undefined> {
  if (!token || token.length > 100) return Promise.resolve(undefined);
  return store.findOpenInvitation(db, sha256(token));
}

export interface AcceptInput {
  name: string;
  email: string;
  phone: string;
  password: string;
  method: string;
  code: string;
  locale: string;
}

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
const METHODS: readonly SecondFactorMethod[] = ['totp', 'sms', 'email'];

export async function acceptInvitation(
  db: Kysely<DB>,
  invitation: OpenInvitation,
  input: AcceptInput,
  env: { country: Country },
): Promise<Result<{ userId: string }>> {
  const errors: Failure['errors'] = [];
  const name = input.name.trim().replace(/\s+/g, ' ').slice(0, 120);
  if (!name) errors.push({ field: 'name', key: 'staff.error.name' });
  // The address or number the invitation reached is known good; the other one is typed by the invitee.
  const email = invitation.email ?? (emailSchema.safeParse(input.email).data || null);
  if (!email) errors.push({ field: 'email', key: 'staff.error.email' });
  let phone = invitation.phone;
  if (!phone && input.phone.trim()) {
    phone = normalisePhone(input.phone, env.country);
    if (!phone) errors.push({ field: 'phone', key: 'staff.error.phone' });
  }
  if (input.password.length < PASSWORD_MIN) errors.push({ field: 'password', key: 'staff.error.passwordshort' });
  if (input.password.length > PASSWORD_MAX) errors.push({ field: 'password', key: 'staff.error.passwordlong' });
  const method = METHODS.find((m) => m === input.method);
  if (!method) errors.push({ field: 'method', key: 'staff.error.method' });
  if (method === 'sms' && !phone && !errors.some((e) => e.field === 'phone')) errors.push({ field: 'phone', key: 'staff.error.phoneforsms' });
  if (errors.length > 0 || !email || !method) return { ok: false, errors };

  if (await store.userWithContact(db, { email })) return fail('email', 'staff.error.emailtaken');
  if (phone && (await store.userWithContact(db, { phone }))) return fail('phone', 'staff.error.phonetaken');

  // The TOTP secret shown on the page is confirmed by a first code, so nobody leaves with an app that
  // computes wrong codes. That code's step is recorded: it cannot be replayed at the next sign-in.
  let totpLastStep: number | undefined;
  if (method === 'totp') {
    if (!(await allow(db, `invitetotp:${invitation.id}`, TOTP_TRIES_PER_INVITATION_PER_15MIN, 900))) return fail('code', 'staff.error.toomanytries');
    const step = verifyTotp(invitation.totp_secret, input.code);
    if (step === null) return fail('code', /^\d{6}$/.test(input.code.replace(/\s/g, '')) ? 'staff.error.wrongcode' : 'staff.error.codeformat');
    totpLastStep = step;
  }

  try {
    const userId = await db.transaction().execute(async (trx) => {
      const { userId } = await createStaffUser(trx, {
        email,
        phone: phone ?? undefined,
        password: input.password,
        name,
        role: invitation.role,
        administrationId: invitation.administration_id,
        secondFactor: method,
        totpSecret: method === 'totp' ? invitation.totp_secret : undefined,
        totpLastStep,
        locale: input.locale,
      });
      if (!(await store.acceptInvitation(trx, invitation.id, userId))) throw new InvitationUsed();
      if (invitation.team_id) await store.addMember(trx, invitation.team_id, userId);
      // audit: rights.invitation_accepted (the role, the administration and the team granted)
      await auditRights(trx, {
        actorId: userId,
        action: 'rights.invitation_accepted',
        subject: { type: 'user', id: userId },
        administrationId: invitation.administration_id,
        details: { invitationId: invitation.id, invitedBy: invitation.invited_by, role: invitation.role, teamId: invitation.team_id, secondFactor: method },
      });
      return userId;
    });
    return { ok: true, userId };
  } catch (err) {
    if (err instanceof InvitationUsed) return fail('name', 'staff.invitation.invalid');
    // The same address or number registered by someone else between the check and now.
    const { code, constraint, message } = err as { code?: string; constraint?: string; message?: string };
    if (code === '23505') return /phone/.test(constraint ?? message ?? '') ? fail('phone', 'staff.error.phonetaken') : fail('email', 'staff.error.emailtaken');
    throw err;
  }
}

class InvitationUsed extends Error {}
