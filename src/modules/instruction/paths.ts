// The back office's addresses, in one place.
export const INBOX = '/agent';
export const agentDossierPath = (id: string) => `/agent/dossiers/${id}`;
export const agentFilePath = (dossierId: string, fileId: string) => `/agent/dossiers/${dossierId}/pieces/${fileId}`;
export const decisionPath = (id: string) => `/agent/dossiers/${id}/decision`;
export const agentCorrectionPath = (id: string) => `/agent/dossiers/${id}/correction`;
export const agentMessagePath = (id: string) => `/agent/dossiers/${id}/messages`;
export const followPath = (id: string) => `/agent/dossiers/${id}/suivi`;
export const assignPath = (id: string) => `/agent/dossiers/${id}/equipe`;
export const ROUTING = '/agent/routage';
export const routingPath = (procedureId: string) => `${ROUTING}/${procedureId}`;
