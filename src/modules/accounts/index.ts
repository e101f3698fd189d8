// Accounts: who the user is. Other modules read the signed-in user from the request's session.
export { accountRoutes } from './routes.tsx';
export { hashPassword, signInWithEmail, type Failure as AccountFailure } from './service.ts';
export { passwordStepFresh, rotateSessionWith, signInAfterPassword } from './password-step.ts';
export { maskPhone, normalisePhone } from './phone.ts';
export * as accountStore from './store.ts';
