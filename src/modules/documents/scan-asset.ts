// /verifier's optional camera script (public/verify-scan.js), served like the platform's assets: under a
// content-hashed name, precompressed, cached for a year. Only the verification page loads it.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const raw = readFileSync(new URL('../../../public/verify-scan.js', import.meta.url));
const br = brotliCompressSync(raw);
const gzip = gzipSync(raw, { level: 9 });

export const scanScript = { href: `/static/verify-scan.${createHash('sha256').update(raw).digest('hex').slice(0, 10)}.js` };

export function registerScanScript(app: FastifyInstance): void {
  app.get(scanScript.href, { config: { rateLimit: false }, compress: false }, (req, reply) => {
    const accepted = String(req.headers['accept-encoding'] ?? '');
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding').type('text/javascript; charset=utf-8');
    if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(br);
    if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(gzip);
    return reply.send(raw);
  });
}
