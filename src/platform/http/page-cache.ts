// Public pages seen by anonymous visitors are the same for everyone who asks in the same language, so each
// instance keeps the latest ones rendered and compressed. Correctness across instances: every entry is
// tagged with the content version (a counter in the database, bumped in the transaction that changes the
// content), and an instance re-reads that counter at most once a second; a change shows everywhere within
// a second. Signed-in visitors (personal header, CSRF token) are always rendered afresh, from the data the
// pages are made of, which is kept under the same version (`kept`).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely, type Transaction } from 'kysely';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import type { DB } from '../db/schema.ts';

const MAX_ENTRIES = 500;
const HTML = 'text/html; charset=utf-8';

/** A rendered response: HTML unless `type` says otherwise (the JSON API uses the same cache). */
export interface Rendered {
  html: string;
  status: number;
  type?: string;
}
const VERSION_TTL_MS = 1000;

interface Entry {
  status: number;
  type: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/** When this process last changed each kind of content: its own changes show at once, not a second later. */
const localChanges = new Map<string, number>();

export async function bumpContentVersion(trx: Kysely<DB> | Transaction<DB>, name: string): Promise<void> {
  await sql`INSERT INTO content_versions (name, version) VALUES (${name}, 1)
    ON CONFLICT (name) DO UPDATE SET version = content_versions.version + 1`.execute(trx);
  localChanges.set(name, Date.now());
}

export class PageCache {
  private entries = new Map<string, Entry>();
  private data = new Map<string, Promise<unknown>>();
  private version: { value: string; readAt: number; pending?: Promise<string> } = { value: '', readAt: 0 };

  constructor(
    private db: Kysely<DB>,
    private contentName: string,
  ) {}

  /** Answers from the cache when it can, otherwise renders, stores and answers. */
  async serve(req: FastifyRequest, reply: FastifyReply, render: () => Promise<Rendered>): Promise<FastifyReply> {
    if (req.session) {
      const { html, status, type = HTML } = await render();
      return reply.code(status).type(type).header('cache-control', 'no-store').send(html);
    }
    const key = `${await this.currentVersion()}|${req.locale}|${req.url}`;
    let entry = this.entries.get(key);
    if (entry) {
      // Refresh its place: the least recently used entry is the one dropped when full.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      const { html, status, type = HTML } = await render();
      // Quality 11 is worth its cost (about 8 ms for a 6 KB page) only for a page served many times; one that
      // is not kept (an API "not found") is compressed as any other response.
      if (status !== 200) return reply.code(status).type(type).header('cache-control', 'no-store').send(html);
      entry = compress(status, type, html);
      this.remember(key, entry);
    }
    return send(req, reply, entry);
  }

  /**
   * What a page is made of, read once per content version: a signed-in visitor's page is rendered afresh each
   * time (personal header, CSRF token) but its content is the same as everyone's. Reading a fiche from the
   * database cost more than everything else on that path together (one query planned and run each time: about
   * 1 ms of PostgreSQL CPU and a round trip, against about 0.1 ms to render). Nothing is kept when `load`
   * fails or finds nothing (undefined).
   */
  async kept<T>(key: string, load: () => Promise<T>): Promise<T> {
    const versioned = `${await this.currentVersion()}|${key}`;
    let pending = this.data.get(versioned) as Promise<T> | undefined;
    if (pending) {
      this.data.delete(versioned);
    } else {
      // Visitors asking at once share one read.
      pending = load();
      pending.then(
        (value) => value === undefined && this.data.get(versioned) === pending && this.data.delete(versioned),
        () => this.data.get(versioned) === pending && this.data.delete(versioned),
      );
    }
    // Least recently used last, as for pages.
    if (this.data.size >= MAX_ENTRIES) this.data.delete(this.data.keys().next().value!);
    this.data.set(versioned, pending);
    return pending;
  }

  private remember(key: string, entry: Entry) {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  private async currentVersion(): Promise<string> {
    const v = this.version;
    const changedHere = (localChanges.get(this.contentName) ?? 0) >= v.readAt;
    if (!changedHere && Date.now() - v.readAt < VERSION_TTL_MS) return v.value;
    // The read counts from when it was asked, so a change made while it runs is not taken as seen.
    const asked = Date.now();
    v.pending ??= this.db
      .selectFrom('content_versions')
      .select('version')
      .where('name', '=', this.contentName)
      .executeTakeFirst()
      .then((row) => {
        const value = String(row?.version ?? 0);
        if (value !== v.value) {
          this.entries.clear();
          this.data.clear();
        }
        Object.assign(v, { value, readAt: asked, pending: undefined });
        return value;
      })
      .catch((err) => {
        v.pending = undefined;
        throw err;
      });
    return v.pending;
  }
}

function compress(status: number, type: string, body: string): Entry {
  const raw = Buffer.from(body);
  return {
    status,
    type,
    raw,
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
    gzip: gzipSync(raw, { level: 9 }),
  };
}

function send(req: FastifyRequest, reply: FastifyReply, entry: Entry): FastifyReply {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  reply.code(entry.status).type(entry.type).header('cache-control', 'no-store').header('vary', 'accept-encoding');
  if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(entry.br);
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(entry.gzip);
  return reply.send(entry.raw);
}
