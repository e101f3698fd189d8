// The staff module's addresses, in one place (the sign-in and second-factor pages are platform/auth/staff.ts's).
export const AGENT_HOME = '/agent';
export const RESEND_PATH = '/agent/connexion/verification/nouveau-code';
export const TEAMS_PATH = '/agent/equipes';
export const INVITE_PATH = '/agent/invitations';
export const teamMembersPath = (teamId: string) => `/agent/equipes/${teamId}/membres`;
export const removeMemberPath = (teamId: string, userId: string) => `/agent/equipes/${teamId}/membres/${userId}/retrait`;
export const invitationPath = (token: string) => `/agent/invitation/${token}`;
/** The cookie of a browser trusted for 30 days; only sent to the sign-in pages that read it. */
export const TRUST_COOKIE = 'gtd';
export const TRUST_COOKIE_PATH = '/agent/connexion';
