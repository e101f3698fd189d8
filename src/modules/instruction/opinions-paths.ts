// The addresses of expert opinions: the expert's list, asking on a dossier, answering one request.
export const OPINIONS = '/agent/avis';
export const askOpinionPath = (dossierId: string) => `/agent/dossiers/${dossierId}/avis`;
export const answerOpinionPath = (dossierId: string, opinionId: string) => `/agent/dossiers/${dossierId}/avis/${opinionId}`;
