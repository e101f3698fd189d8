// What the staff module's tests share: an app with a trivial page behind the back-office gate, administrations
// (one with a service under it), staff accounts with known secrets, and reading the messages sent.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { Visitor } from '../../../test/support/browser-session.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import { newId } from '../../platform/db/ids.ts';
import { newTotpSecret } from '../../platform/auth/totp.ts';
import type { SecondFactorMethod } from '../../platform/db/schema.ts';
import { createStaffUser } from './index.ts';

/** A page any staff member who passed both factors may see: what the gate lets through, nothing more. */
export const GATED = '/agent/essai-porte';

export function startStaffTestApp(): Promise<TestApp> {
  return startTestApp({
    extend: (app: FastifyInstance) =>
      app.get(GATED, async (req, reply) => {
        const user = await requireStaff(req, reply);
        return user ? reply.send({ id: user.id }) : reply;
      }),
  });
}

export async function addAdministration(t: TestApp, name: string, parentId: string | null = null): Promise<string> {
  const id = newId();
  await t.ctx.db.insertInto('administrations').values({ id, code: `ne-${id.slice(-8).toLowerCase()}`, country: 'ne', name, parent_id: parentId, acronym: null }).execute();
  return id;
}

export const PASSWORD = 'un mot de passe solide 2026';
let people = 0;

export async function addStaff(
  t: TestApp,
  opts: { role?: 'agent' | 'manager' | 'operator'; administrationId: string | null; method?: SecondFactorMethod; phone?: string; email?: string },
) {
  const n = ++people;
  const email = opts.email ?? `agent${n}.${Math.random().toString(36).slice(2, 7)}@justice.ne`;
  const totpSecret = newTotpSecret();
  const method = opts.method ?? 'totp';
  const { userId } = await createStaffUser(t.ctx.db, {
    email,
    password: PASSWORD,
    name: `Agent ${n}`,
    role: opts.role ?? 'agent',
    administrationId: opts.administrationId,
    phone: opts.phone,
    secondFactor: method,
    totpSecret: method === 'totp' ? totpSecret : undefined,
  });
  return { id: userId, email, password: PASSWORD, totpSecret };
}

let visitors = 0;
/** A browser from its own address, so per-IP limits of one test do not leak into another. */
export const browser = (t: TestApp) => new Visitor(t.app, { 'x-forwarded-for': `10.9.${Math.floor(++visitors / 250)}.${(visitors % 250) + 1}` });

/** The last message sent to `to` (an e-mail address or an E.164 number). */
export async function lastMessage(t: TestApp, to: string): Promise<{ channel: string; subject: string | null; body: string }> {
  const row = await t.ctx.db
    .selectFrom('notifications')
    .select(['channel', 'subject', 'body'])
    .where('recipient', '=', to)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  assert.ok(row, `a message was sent to ${to}`);
  return row;
}

export const countMessages = async (t: TestApp, to: string) =>
  Number((await t.ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('recipient', '=', to).executeTakeFirstOrThrow()).n);

export const codeIn = (body: string) => /\b(\d{6})\b/.exec(body)?.[1] ?? assert.fail(`no code in: ${body}`);
