// The criminal record's addresses, in one place.
export const REGISTRY = '/agent/casier';
export const NEW_CONVICTION = '/agent/casier/condamnations/nouvelle';
export const CONVICTIONS = '/agent/casier/condamnations';
export const personPath = (id: string) => `/agent/casier/personnes/${id}`;
export const newConvictionFor = (personId: string) => `${NEW_CONVICTION}?personne=${personId}`;
export const eventPath = (convictionId: string) => `/agent/casier/condamnations/${convictionId}/evenements`;
export const bulletin1Path = (personId: string) => `/agent/casier/personnes/${personId}/bulletin-1`;
export const dossierCasierPath = (dossierId: string) => `/agent/dossiers/${dossierId}/casier`;
export const dossierPreviewPath = (dossierId: string, choice: string) => `/agent/dossiers/${dossierId}/casier/apercu?choix=${encodeURIComponent(choice)}`;
export const dossierIssuePath = (dossierId: string) => `/agent/dossiers/${dossierId}/casier/delivrance`;
export const API_BULLETIN_2 = '/api/v1/casier/bulletin-2';
