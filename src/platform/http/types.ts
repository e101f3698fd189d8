// What every request and the server instance carry, for handlers of every module.
import type { Kysely } from 'kysely';
import type { Config, Locale } from '../../config.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { I18n } from '../i18n/index.ts';
import type { Session } from '../auth/session.ts';
import type { BlobStore } from '../storage/blobs.ts';

export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  blobs: BlobStore;
}

export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    locale: Locale;
    i18n: I18n;
    session: Session | null;
  }
}
