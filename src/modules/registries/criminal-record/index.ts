// The criminal record (casier judiciaire): courts' clerks register convictions and their later events; rules
// written as data decide what bulletins n°1 (judges), n°2 (entitled administrations, through the API) and n°3
// (the person, from the online request) show. Decision docs/decisions/0016-criminal-record.md, rules and
// sources in docs/criminal-record.md.
//
// Addresses (paths.ts):
//   GET  /agent/casier                                   search (clerks and judges)
//   GET  /agent/casier/condamnations/nouvelle            new conviction form (clerks); POST /agent/casier/condamnations
//   GET  /agent/casier/personnes/:id                     a person's fiches (clerks)
//   POST /agent/casier/condamnations/:id/evenements      write an event on a fiche (clerks)
//   GET  /agent/casier/personnes/:id/bulletin-1          bulletin n°1 (judges, clerks)
//   GET  /agent/dossiers/:id/casier[/apercu]             bulletin n°3 of a request (the clerks of its team)
//   POST /agent/dossiers/:id/casier/delivrance           seal it and accept the dossier
//   POST /api/v1/casier/bulletin-2                       bulletin n°2 for an API client holding that right
export { criminalRecordRoutes } from './routes.tsx';
export { criminalRecordApi, PURPOSES } from './api.ts';
export { criminalRecordOpenApi } from './openapi.ts';
export { BULLETIN_3_SLUGS } from './dossier-flow.ts';
export { dossierCasierPath } from './paths.ts';
export { createApiClient, grantRegistryRole, seedDemoRecord } from './admin.ts';
export { CasierLink } from './views/casier-link.tsx';
