// A staff member as HTTP tests play one: the real sign-in, e-mail and password then a TOTP code, as a browser
// without JavaScript does it. Use `createStaffUser` (modules/staff) to make the account with a known secret.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { totp, totpStep, TOTP_STEP_SECONDS } from '../../src/platform/auth/totp.ts';
import { Visitor } from './browser-session.ts';

export interface AgentCredentials {
  email: string;
  password: string;
  totpSecret: string;
}

let agents = 0;

/**
 * A code the server will take now. A TOTP code works once, so two sign-ins of one person in the same
 * 30 seconds need the next step's code (accepted one step ahead); a third waits for the next step.
 */
async function freshCode(app: FastifyInstance, email: string, secret: string): Promise<string> {
  const row = await app.ctx.db
    .selectFrom('staff_second_factors')
    .innerJoin('users', 'users.id', 'staff_second_factors.user_id')
    .select('staff_second_factors.totp_last_step')
    .where('users.email', '=', email.toLowerCase())
    .executeTakeFirst();
  const last = row?.totp_last_step == null ? -1 : Number(row.totp_last_step);
  let step = Math.max(totpStep(), last + 1);
  if (step > totpStep() + 1) {
    const wait = (totpStep() + 1) * TOTP_STEP_SECONDS * 1000 - Date.now() + 50;
    await new Promise((resolve) => setTimeout(resolve, wait));
    step = Math.max(totpStep(), last + 1);
  }
  return totp(secret, step * TOTP_STEP_SECONDS * 1000);
}

/**
 * Signs the agent in through /agent/connexion and the second factor; returns the browser, ready for more
 * requests (cookies and CSRF token of the last page). Each call comes from its own address, so per-IP
 * limits do not add up across a test file (the per-account limit, 5 sign-ins in 15 minutes, still holds).
 */
export async function signInAgentVisitor(app: FastifyInstance, who: AgentCredentials): Promise<Visitor> {
  const n = ++agents;
  const v = new Visitor(app, { 'x-forwarded-for': `10.250.${Math.floor(n / 250) % 250}.${(n % 250) + 1}` });
  await v.get('/agent/connexion');
  const first = await v.post('/agent/connexion', { email: who.email, password: who.password });
  assert.equal(first.statusCode, 303, `the password of ${who.email} is accepted`);
  assert.equal(first.headers.location, '/agent/connexion/verification');
  const page = await v.get('/agent/connexion/verification');
  assert.equal(page.statusCode, 200, 'the second-factor page is shown');
  const second = await v.post('/agent/connexion/verification', { code: await freshCode(app, who.email, who.totpSecret) });
  assert.equal(second.statusCode, 303, `the TOTP code of ${who.email} is accepted`);
  return v;
}

/** Signs the agent in (see signInAgentVisitor) and returns the Cookie header of the session. */
export async function signInAgent(app: FastifyInstance, who: AgentCredentials): Promise<string> {
  const v = await signInAgentVisitor(app, who);
  return `gsid=${v.cookies.get('gsid')}`;
}

/**
 * Signs anyone in through the citizens' form, as the demo accounts do: a citizen is in after the password; a
 * staff member goes on to the second factor and types the code sent to him (read from the messages table).
 */
export async function signInByPassword(app: FastifyInstance, email: string, password: string, ip: string): Promise<Visitor> {
  const v = new Visitor(app, { 'x-forwarded-for': ip });
  await v.get('/connexion');
  const res = await v.post('/connexion/email', { email, password });
  assert.equal(res.statusCode, 303, `${email} signs in`);
  if (res.headers.location !== '/agent/connexion/verification') return v;
  await v.get('/agent/connexion/verification');
  const user = await app.ctx.db.selectFrom('users').select(['phone', 'email']).where('email', '=', email.toLowerCase()).executeTakeFirstOrThrow();
  const sent = await app.ctx.db
    .selectFrom('notifications')
    .select('body')
    .where('recipient', 'in', [user.phone ?? '', user.email ?? ''])
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const code = /\b(\d{6})\b/.exec(sent.body)![1]!;
  const done = await v.post('/agent/connexion/verification', { code });
  assert.equal(done.statusCode, 303, `${email} passes the second factor`);
  return v;
}
