// Start: configuration → database → migrations → (demo data) → HTTP server, plus the job worker unless
// WORKER=false. Stops cleanly on SIGTERM/SIGINT: no new requests, in-flight ones finish, the worker ends.
import { loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { startWorker } from './platform/jobs/outbox.ts';
import { startMaintenance } from './platform/jobs/maintenance.ts';
import { purgeUnclaimedDrafts } from './modules/dossiers/index.ts';
import { agentNotices, dossierTimers } from './modules/instruction/index.ts';
import { purgeOldExports } from './modules/instruction/exports/index.ts';
import { paymentMaintenance } from './modules/payments/index.ts';
import { buildApp, createContext, jobHandlers } from './app.ts';
import { seedDemo } from './seed.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await migrate(database, (m) => console.log(m));
if (config.seedDemo) await seedDemo(database.db, config.country, (m) => console.log(m));

const ctx = createContext(config, database);
const app = await buildApp(ctx);
const address = await app.listen({ port: config.port, host: config.host });
const worker = config.worker ? startWorker(database.db, jobHandlers(ctx), { onError: (err) => app.log.error({ err }, 'worker') }) : null;
const stopMaintenance = startMaintenance(database.db, (err) => app.log.error({ err }, 'maintenance'), [purgeUnclaimedDrafts, dossierTimers(config), agentNotices(config), purgeOldExports(ctx.blobs), paymentMaintenance(ctx)]);
console.log(`Guichet ready on ${address.replace('0.0.0.0', 'localhost')} (${database.kind}, ${config.env})`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    stopMaintenance();
    await app.close();
    await worker?.stop();
    await database.close();
    process.exit(0);
  });
}
