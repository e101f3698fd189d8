// The addresses of the applicant's pages, in one place: routes, views, notifications and the catalog's
// "Faire la démarche en ligne" link all build them here.
export const onlineStart = (slug: string) => `/demarches/${encodeURIComponent(slug)}/en-ligne`;
export const dossierPath = (id: string) => `/dossiers/${id}`;
export const sectionPath = (id: string, sectionId: string) => `/dossiers/${id}/pages/${sectionId}`;
export const reviewPath = (id: string) => `/dossiers/${id}/recapitulatif`;
export const submitPath = (id: string) => `/dossiers/${id}/depot`;
export const deletePath = (id: string) => `/dossiers/${id}/supprimer`;
export const messagePath = (id: string) => `/dossiers/${id}/messages`;
export const attachmentPath = (dossierId: string, attachmentId: string) => `/dossiers/${dossierId}/pieces/${attachmentId}`;
export const prefillPath = (token: string) => `/brouillons/${token}`;
export const MY_DOSSIERS = '/mes-dossiers';
export const correctionPath = (id: string) => `/dossiers/${id}/correction`;
/** The payment of a dossier whose procedure asks a fee (payments module, decision 0017). */
export const paymentPath = (id: string) => `/dossiers/${id}/paiement`;
