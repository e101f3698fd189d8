// Staff: the back office's people. Agent sign-in with a second factor (TOTP, or codes by SMS/e-mail) and
// trusted browsers; teams of an administration; invitations of new agents and managers.
import type { FastifyInstance } from 'fastify';
import { signInRoutes } from './routes.tsx';
import { teamRoutes } from './team-routes.tsx';

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  await signInRoutes(app);
  await teamRoutes(app);
}

export { createStaffUser, type NewStaffUser } from './service.ts';
export { TRUSTED_DEVICE_DAYS } from './service.ts';
export { INVITATION_DAYS } from './teams.ts';
export { TEAMS_PATH, invitationPath } from './paths.ts';
