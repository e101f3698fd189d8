// The manager's pages of people (/agent/equipes) and the invitee's page (/agent/invitation/:token).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import { otpauthUri } from '../../platform/auth/totp.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formField } from '../../platform/http/form.ts';
import { rotateSessionWith } from '../accounts/index.ts';
import * as teams from './teams.ts';
import { acceptInvitation, openInvitation, type OpenInvitation } from './invitations.ts';
import { authLimit, translateErrors } from './routes.tsx';
import { AGENT_HOME, INVITE_PATH, invitationPath, TEAMS_PATH } from './paths.ts';
import { DONE, memberField, TeamsPage, type FormState } from './views/teams.tsx';
import { InvitationPage, type InvitationView } from './views/invitation.tsx';

type TeamRequest = FastifyRequest<{ Params: { teamId: string } }>;
type MemberRequest = FastifyRequest<{ Params: { teamId: string; userId: string } }>;
type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

export async function teamRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;

  /** A manager who passed the second factor, with the administrations he acts on; 403 for other staff. */
  const manager = async (req: FastifyRequest, reply: FastifyReply) => {
    const user = await requireStaff(req, reply);
    return user ? teams.managerScope(db, user) : null;
  };

  const page = async (req: FastifyRequest, reply: FastifyReply, scope: teams.ManagerScope, state?: FormState) => {
    const overview = await teams.teamsOverview(db, scope);
    const done = DONE.find((d) => d === (req.query as Record<string, unknown>).fait);
    const ctx = state ? pageContext(req) : await formContext(req, reply);
    return sendPage(reply, <TeamsPage ctx={ctx} overview={overview} state={state} done={done} />, state ? 400 : 200);
  };

  app.get(TEAMS_PATH, async (req, reply) => {
    const scope = await manager(req, reply);
    return scope ? page(req, reply, scope) : reply;
  });

  app.post(TEAMS_PATH, async (req, reply) => {
    const scope = await manager(req, reply);
    if (!scope) return reply;
    const values = { name: formField(req.body, 'name', 200), administration: formField(req.body, 'administration', 40) };
    const result = await teams.createTeam(db, scope, { name: values.name, administrationId: values.administration });
    if (!result.ok) return page(req, reply, scope, { form: 'team', errors: translateErrors(req, result.errors), values });
    return reply.redirect(`${TEAMS_PATH}?fait=equipe#equipe-${result.teamId}`, 303);
  });

  app.post('/agent/equipes/:teamId/membres', async (req: TeamRequest, reply) => {
    const scope = await manager(req, reply);
    if (!scope) return reply;
    const field = memberField(req.params.teamId);
    const userId = formField(req.body, field, 40);
    const result = await teams.addToTeam(db, scope, { teamId: req.params.teamId, userId });
    if (!result.ok) {
      const errors = result.errors.map((e) => ({ field, message: req.i18n.t(e.key) }));
      return page(req, reply, scope, { form: 'add', teamId: req.params.teamId, errors, values: { [field]: userId } });
    }
    return reply.redirect(`${TEAMS_PATH}?fait=ajout#equipe-${req.params.teamId}`, 303);
  });

  app.post('/agent/equipes/:teamId/membres/:userId/retrait', async (req: MemberRequest, reply) => {
    const scope = await manager(req, reply);
    if (!scope) return reply;
    await teams.removeFromTeam(db, scope, { teamId: req.params.teamId, userId: req.params.userId });
    return reply.redirect(`${TEAMS_PATH}?fait=retrait#equipe-${req.params.teamId}`, 303);
  });

  app.post(INVITE_PATH, async (req, reply) => {
    const scope = await manager(req, reply);
    if (!scope) return reply;
    const values = {
      contact: formField(req.body, 'contact', 300),
      role: formField(req.body, 'role', 20),
      team: formField(req.body, 'team', 40),
      inviteadmin: formField(req.body, 'inviteadmin', 40),
    };
    const result = await teams.invite(
      db,
      scope,
      { contact: values.contact, role: values.role, teamId: values.team, administrationId: values.inviteadmin },
      { i18n: req.i18n, publicUrl: config.publicUrl, country: config.country },
    );
    if (!result.ok) return page(req, reply, scope, { form: 'invite', errors: translateErrors(req, result.errors), values });
    return reply.redirect(`${TEAMS_PATH}?fait=invitation`, 303);
  });

  // --- the invitee -----------------------------------------------------------------------------------------

  const invitationOf = async (req: TokenRequest): Promise<OpenInvitation> => {
    const invitation = await openInvitation(db, req.params.token);
    if (!invitation) throw new HttpProblem(404, 'staff.invitation.invalid');
    return invitation;
  };

  const view = async (invitation: OpenInvitation): Promise<InvitationView> => {
    const account = invitation.email ?? invitation.phone ?? '';
    const uri = otpauthUri({ secret: invitation.totp_secret, account, issuer: `Guichet ${config.country.toUpperCase()}` });
    return {
      administration: invitation.administration_name,
      team: invitation.team_name,
      role: invitation.role,
      email: invitation.email,
      phone: invitation.phone,
      secret: invitation.totp_secret,
      uri,
      qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
    };
  };

  app.get('/agent/invitation/:token', async (req: TokenRequest, reply) => {
    const invitation = await invitationOf(req);
    const ctx = await formContext(req, reply);
    // The link is a secret: the page is not kept by caches, and its address is not sent to other sites.
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(reply, <InvitationPage ctx={ctx} action={invitationPath(req.params.token)} invitation={await view(invitation)} />);
  });

  app.post('/agent/invitation/:token', authLimit, async (req: TokenRequest, reply) => {
    const invitation = await invitationOf(req);
    const values = {
      name: formField(req.body, 'name', 200),
      email: formField(req.body, 'email', 300),
      phone: formField(req.body, 'phone', 40),
      method: formField(req.body, 'method', 10),
    };
    const result = await acceptInvitation(
      db,
      invitation,
      { ...values, password: formField(req.body, 'password', 1000), code: formField(req.body, 'code', 20), locale: req.locale },
      { country: config.country },
    );
    if (!result.ok) {
      const page = <InvitationPage ctx={pageContext(req)} action={invitationPath(req.params.token)} invitation={await view(invitation)} errors={translateErrors(req, result.errors)} values={values} />;
      return sendPage(reply, page, 400);
    }
    // The invitee proved the link (their mailbox or phone) and, for TOTP, the app: both factors are set up.
    await rotateSessionWith(db, req, reply, result.userId, { secure: config.production }, { secondFactor: true });
    return reply.redirect(AGENT_HOME, 303);
  });
}
