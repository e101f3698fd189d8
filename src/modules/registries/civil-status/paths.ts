// The civil-status pages of the back office.
export const CIVIL_HOME = '/agent/etat-civil';
export const civilDossierPath = (id: string) => `${CIVIL_HOME}/dossiers/${id}`;
export const registrationPath = (id: string) => `${CIVIL_HOME}/dossiers/${id}/enregistrement`;
export const extractPath = (id: string) => `${CIVIL_HOME}/dossiers/${id}/extrait`;
export const previewPath = (id: string, actId: string) => `${CIVIL_HOME}/dossiers/${id}/apercu?acte=${actId}`;
export const actPath = (id: string) => `${CIVIL_HOME}/actes/${id}`;
export const mentionsPath = (id: string) => `${CIVIL_HOME}/actes/${id}/mentions`;
export const ASSISTED_PATH = `${CIVIL_HOME}/declarations/nouvelle`;
