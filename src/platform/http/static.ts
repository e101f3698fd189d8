// The hashed stylesheet and form script, precompressed, cached for a year by browsers and proxies.
import type { FastifyInstance } from 'fastify';
import { builderScript, paymentScript, script, stylesheet } from '../ui/assets.ts';

export function registerStatic(app: FastifyInstance): void {
  const assets = [
    [stylesheet, 'text/css; charset=utf-8'],
    [script, 'text/javascript; charset=utf-8'],
    [builderScript, 'text/javascript; charset=utf-8'],
    [paymentScript, 'text/javascript; charset=utf-8'],
  ] as const;
  for (const [asset, type] of assets) {
    app.get(asset.href, { config: { rateLimit: false }, compress: false }, (req, reply) => {
      const accepted = String(req.headers['accept-encoding'] ?? '');
      reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding').type(type);
      if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(asset.br);
      if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.raw);
    });
  }
}
