// The hashed stylesheet, precompressed, cached for a year by browsers and proxies.
import type { FastifyInstance } from 'fastify';
import { stylesheet } from '../ui/assets.ts';

export function registerStatic(app: FastifyInstance): void {
  app.get(stylesheet.href, { config: { rateLimit: false }, compress: false }, (req, reply) => {
    const accepted = String(req.headers['accept-encoding'] ?? '');
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'accept-encoding')
      .type('text/css; charset=utf-8');
    if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(stylesheet.br);
    if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(stylesheet.gzip);
    return reply.send(stylesheet.raw);
  });
}
