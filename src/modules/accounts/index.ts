// Accounts: who the user is. Other modules read the signed-in user from the request's session.
export { accountRoutes } from './routes.tsx';
export { hashPassword } from './service.ts';
export { normalisePhone } from './phone.ts';
export * as accountStore from './store.ts';
