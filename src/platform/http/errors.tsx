// Error pages: a user's mistake gets a clear page in their language with the right status; a fault of ours
// gets a plain 500 page and the details go to the log only. JSON routes get JSON.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../i18n/index.ts';
import { Layout } from '../ui/layout.tsx';
import { pageContext, sendPage } from '../ui/render.ts';
import { createI18n } from '../i18n/index.ts';
import { isDatabaseUnavailable } from '../db/database.ts';

/** Thrown by handlers and services for an expected refusal (not found, forbidden, bad request). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey);
  }
}

export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => problem(req, reply, 404, 'error.notfound'));

  app.setErrorHandler((err: FastifyError | HttpProblem, req, reply) => {
    if (err instanceof HttpProblem) return problem(req, reply, err.status, err.messageKey);
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status === 429) return problem(req, reply, 429, 'error.toomany');
    if (status === 413) return problem(req, reply, 413, 'error.toolarge');
    if (status >= 400 && status < 500) return problem(req, reply, status, 'error.badrequest');
    if (isDatabaseUnavailable(err)) {
      // Not a fault of this request: the database is restarting or out of reach. Clients and proxies may retry.
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '10');
      return problem(req, reply, 503, 'error.unavailable');
    }
    req.log.error({ err }, 'unhandled error');
    return problem(req, reply, 500, 'error.server');
  });
}

function problem(req: FastifyRequest, reply: FastifyReply, status: number, key: MessageKey) {
  // An error can happen before the language was negotiated (e.g. a body too large); French then.
  if (!req.i18n) req.i18n = createI18n(req.server.ctx.config.defaultLocale, req.server.ctx.config.timeZone);
  const message = req.i18n.t(key);
  if (req.url.startsWith('/api/') || req.url.endsWith('.json')) {
    return reply.code(status).send({ error: { status, message } });
  }
  const ctx = pageContext(req);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={req.i18n.t(`error.title.${status === 404 ? 404 : status >= 500 ? 500 : 400}`)}>
      <h1>{req.i18n.t(`error.title.${status === 404 ? 404 : status >= 500 ? 500 : 400}`)}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{req.i18n.t('error.home')}</a>
      </p>
    </Layout>,
    status,
  );
}
