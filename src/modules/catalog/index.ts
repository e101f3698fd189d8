// Catalog: the information portal (fiches, categories, search) and its JSON API.
export { catalogRoutes } from './routes.tsx';
export { catalogApi } from './api.ts';
export { catalogAdminRoutes } from './admin-routes.tsx';
export { catalogOpenApi } from './openapi.ts';
export { readPack, PackError } from './pack-reader.ts';
export { importPack } from './import.ts';
export { COUNTRIES, type Country } from './pack-schema.ts';
