// Instruction: the agents' side — teams' scopes, routing of new dossiers, the inbox and the dossier pages.
export { instructionRoutes } from './routes.tsx';
export { pickTeam, type Rule } from './routing.ts';
export { administrationTree, scopeOf, type Scope } from './scope.ts';
export { dossierTimers } from './timers.ts';
export { agentNotices } from './agent-notices.ts';
export { preferenceRoutes } from './preferences.tsx';
export { labelRoutes } from './labels-routes.tsx';
export { journalRoutes } from './journal.tsx';
export { routingRoutes } from './routing-routes.tsx';
export { notificationTemplateRoutes } from './notification-templates-routes.tsx';
