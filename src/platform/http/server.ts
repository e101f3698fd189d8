// The HTTP platform: security headers, compression, forms, cookies, rate limits, language and session on
// every request, CSRF on every state-changing form, health and metrics, and error pages that leak nothing.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import { createI18n, negotiateLocale } from '../i18n/index.ts';
import { loadSession, SESSION_COOKIE } from '../auth/session.ts';
import { safeEqual } from '../crypto/tokens.ts';
import type { AppContext, RouteEntry } from './types.ts';
import { registerStatic } from './static.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerHealth } from './health.ts';
import { registerErrorPages, HttpProblem } from './errors.tsx';

const LANG_COOKIE = 'lang';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function createServer(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: ctx.config.logLevel === 'silent' ? false : { level: ctx.config.logLevel, serializers: { req: logRequest } },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1_048_576,
    // On SIGTERM a request already read from a kept-alive connection is served, not answered 503: behind
    // nginx a POST is never retried elsewhere, so a 503 here would be an error page for the citizen
    // (found by test/cluster). The database is closed only after the server has finished them.
    return503OnClosing: false,
  });
  app.decorate('ctx', ctx);
  // Every route as it is added: the authorization tests walk this table, so a new route cannot escape them.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url });
  });
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('i18n', null as never);
  app.decorateRequest('session', null);

  registerSecurityHeaders(app, ctx.config.production);
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 512 });
  await app.register(formbody, { bodyLimit: 65_536 });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1_048_576, files: 1, fields: 20 } });
  await app.register(rateLimit, {
    max: ctx.config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (req) => req.url.startsWith('/static/') || req.url === '/healthz',
  });

  registerStatic(app);
  registerHealth(app);

  app.addHook('onRequest', async (req, reply) => {
    const query = req.query as Record<string, unknown> | undefined;
    const asked = query?.lang;
    req.locale = negotiateLocale(asked, req.cookies[LANG_COOKIE], req.headers['accept-language'], ctx.config.defaultLocale);
    if (asked === req.locale && req.cookies[LANG_COOKIE] !== asked) {
      reply.setCookie(LANG_COOKIE, req.locale, { path: '/', maxAge: 31_536_000, sameSite: 'lax', secure: ctx.config.production });
    }
    req.i18n = createI18n(req.locale, ctx.config.timeZone);
    // PostgreSQL cannot store NUL in text; no legitimate address contains one.
    if (/%00/.test(req.url)) throw new HttpProblem(400, 'error.badrequest');
    if (!req.url.startsWith('/static/')) req.session = await loadSession(ctx.db, req.cookies[SESSION_COOKIE]);
  });

  // CSRF: every state-changing request from a browser form must carry its session's token. The JSON API is
  // exempt: none of its state-changing routes acts on the session (only GET /api/v1/dossiers/:reference reads it).
  app.addHook('preHandler', async (req) => {
    if (!STATE_CHANGING.has(req.method) || req.url.startsWith('/api/')) return;
    const token = csrfTokenOf(req);
    if (!req.session || !token || !safeEqual(token, req.session.csrfToken)) {
      throw new HttpProblem(403, 'error.csrf');
    }
  });

  registerErrorPages(app);
  return app;
}

/** Requests as logged: secrets that ride in addresses (CSRF tokens of multipart forms, draft claim links) masked. */
function logRequest(req: { method: string; url: string; ip?: string }) {
  const url = req.url.replace(/([?&]_csrf=)[^&]*/g, '$1…').replace(/^(\/brouillons\/)[^/?]+/, '$1…');
  return { method: req.method, url, remoteAddress: req.ip };
}

function csrfTokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = req.body as Record<string, unknown> | undefined;
  const field = body?._csrf;
  if (typeof field === 'string') return field;
  // Multipart forms carry the token in their action URL, since their body is read later by the handler; no
  // other request may (a token in an address travels further than one in a body).
  if (!req.isMultipart()) return undefined;
  const query = req.query as Record<string, unknown> | undefined;
  return typeof query?._csrf === 'string' ? query._csrf : undefined;
}
