// Civil status (état civil): communes' registers of births. A declaration filed online (procedure
// declaration-naissance) is drawn up as a birth act by an officer of the commune, numbered per commune and
// year; an extract request (extrait-acte-naissance) is answered with a sealed extract of the act; officers
// write mentions in an act's margin. Decision docs/decisions/0018-civil-status.md.
//
// Addresses (paths.ts), all for the commune's officers only:
//   GET  /agent/etat-civil                                  the register: search by number and year, or names and birth date
//   GET  /agent/etat-civil/dossiers/:id                     a declaration or an extract request, as the officer processes it
//   POST /agent/etat-civil/dossiers/:id/enregistrement      draw up the act and accept the declaration
//   GET  /agent/etat-civil/dossiers/:id/apercu?acte=        the extract as it would be issued, unsealed
//   POST /agent/etat-civil/dossiers/:id/extrait             issue the sealed extract and accept the request
//   GET  /agent/etat-civil/actes/:id                        an act, its mentions
//   POST /agent/etat-civil/actes/:id/mentions               add a marginal mention
export { civilStatusRoutes } from './routes.tsx';
export { CivilStatusLink } from './link.tsx';
export { ensureRegister, registersOf, type Register } from './registers.ts';
export { CIVIL_HOME } from './paths.ts';
