// Turns a page component into the HTTP response, and gathers what pages need from the request.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { brotliCompressSync, constants } from 'node:zlib';
import { renderToString } from 'preact-render-to-string';
import { startSession } from '../auth/session.ts';
import type { PageContext } from './page-context.ts';

export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

// At the quality @fastify/compress uses for routes: zlib's default (11) costs about 8 ms of CPU for a 6 KB
// page, against 0.1 ms, and any address that does not exist leads here.
const ONE_OFF_BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8');
  const html = renderPage(page);
  // Routes get compression from @fastify/compress's route hook; the not-found handler is no route, so its
  // page is compressed here.
  if (reply.request.is404 && /\bbr\b/.test(String(reply.request.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'br').header('vary', 'accept-encoding').send(brotliCompressSync(html, ONE_OFF_BROTLI));
  }
  return reply.send(html);
}

export function pageContext(req: FastifyRequest): PageContext {
  return {
    i18n: req.i18n,
    user: req.session?.user ?? null,
    csrf: req.session?.csrfToken ?? null,
    url: currentPage(req),
    countryName: req.i18n.t(`country.${req.server.ctx.config.country}`),
  };
}

/** For pages with a form: makes sure the visitor has a session, whose CSRF token the form will carry. */
export async function formContext(req: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
  if (!req.session) {
    const { db, config } = req.server.ctx;
    const s = await startSession(db, reply, null, { secure: config.production });
    req.session = { idHash: s.idHash, csrfToken: s.csrfToken, user: null, data: {} };
  }
  return pageContext(req);
}

/**
 * The address of the page being shown. A page rendered in answer to a form post (errors) belongs to the
 * page that holds the form, so the language switch must lead there, not to the POST route.
 */
function currentPage(req: FastifyRequest): string {
  if (req.method === 'GET') return req.url;
  try {
    const referer = new URL(req.headers.referer ?? '/', 'http://x');
    return referer.pathname + referer.search;
  } catch {
    return '/';
  }
}
