// Puts the platform together: the HTTP server with every module's routes, and the job handlers of the worker.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { createServer } from './platform/http/server.ts';
import { localBlobStore } from './platform/storage/blobs.ts';
import { s3BlobStore } from './platform/storage/s3-blobs.ts';
import { devOutboxRoutes } from './platform/notify/dev-outbox.tsx';
import { createChannels } from './platform/notify/channels.ts';
import { SEND_JOB, sendJobHandler } from './platform/notify/messages.ts';
import type { JobHandler } from './platform/jobs/outbox.ts';
import type { AppContext } from './platform/http/types.ts';
import { join } from 'node:path';
import { accountRoutes } from './modules/accounts/index.ts';
import { staffRoutes } from './modules/staff/index.ts';
import { catalogAdminRoutes, catalogApi, catalogOpenApi, catalogRoutes } from './modules/catalog/index.ts';
import { builderRoutes } from './modules/builder/index.ts';
import { dossierApi, dossierOpenApi, dossierRoutes } from './modules/dossiers/index.ts';
import { instructionRoutes, journalRoutes, labelRoutes, notificationTemplateRoutes, preferenceRoutes, routingRoutes } from './modules/instruction/index.ts';
import { EXPORT_JOB, exportJobHandler, exportRoutes } from './modules/instruction/exports/index.ts';
import { registerTerritoryApi } from './modules/territories/api.ts';
import { civilStatusRoutes } from './modules/registries/civil-status/index.ts';
import { criminalRecordApi, criminalRecordOpenApi, criminalRecordRoutes } from './modules/registries/criminal-record/index.ts';
import { documentRoutes, documentsOpenApi } from './modules/documents/index.ts';
import { paymentBackOfficeRoutes, paymentJobHandlers, paymentRoutes } from './modules/payments/index.ts';
import { openApiDocument } from './openapi.ts';

export function createContext(config: Config, database: Database): AppContext {
  const blobs = config.s3 ? s3BlobStore(config.s3) : localBlobStore(join(config.dataDir, 'files'));
  return { config, database, db: database.db, blobs };
}

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = await createServer(ctx);
  await app.register(catalogRoutes);
  await app.register(catalogApi);
  await app.register(catalogAdminRoutes);
  await app.register(builderRoutes);
  await app.register(accountRoutes);
  await app.register(staffRoutes);
  await app.register(dossierRoutes);
  await app.register(dossierApi);
  await app.register(instructionRoutes);
  await app.register(preferenceRoutes);
  await app.register(labelRoutes);
  await app.register(journalRoutes);
  await app.register(routingRoutes);
  await app.register(notificationTemplateRoutes);
  await app.register(exportRoutes);
  await app.register(civilStatusRoutes);
  await app.register(criminalRecordRoutes);
  await app.register(criminalRecordApi);
  await app.register(documentRoutes);
  await app.register(paymentRoutes);
  await app.register(paymentBackOfficeRoutes);
  registerTerritoryApi(app);
  if (!ctx.config.production) await app.register(devOutboxRoutes);
  const openapi = openApiDocument(ctx.config, [catalogOpenApi, dossierOpenApi, documentsOpenApi, criminalRecordOpenApi]);
  app.get('/api/v1/openapi.json', async () => openapi);
  return app;
}

export function jobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    [SEND_JOB]: sendJobHandler(ctx.db, createChannels(ctx.config)),
    [EXPORT_JOB]: exportJobHandler(ctx),
    ...paymentJobHandlers(ctx),
  };
}
