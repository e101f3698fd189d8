// Outside production: every message the platform queued, newest first, as a page for people and as JSON for
// tests (to read a one-time code without a phone).
import type { FastifyInstance } from 'fastify';
import { Layout } from '../ui/layout.tsx';
import { pageContext, sendPage } from '../ui/render.ts';

const SHOWN = 100;

export async function devOutboxRoutes(app: FastifyInstance): Promise<void> {
  const latest = () =>
    app.ctx.db
      .selectFrom('notifications')
      .select(['channel', 'recipient as to', 'subject', 'body', 'status', 'created_at as createdAt'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(SHOWN)
      .execute();

  app.get('/dev/outbox.json', async (_req, reply) => reply.header('cache-control', 'no-store').send(await latest()));

  app.get('/dev/outbox', async (req, reply) => {
    const { t, dateTime } = req.i18n;
    const messages = await latest();
    return sendPage(
      reply,
      <Layout ctx={pageContext(req)} title={t('dev.outbox.title')}>
        <h1>{t('dev.outbox.title')}</h1>
        <p>{t('dev.outbox.lead')}</p>
        {messages.length === 0 && <p>{t('dev.outbox.empty')}</p>}
        <ul class="cards">
          {messages.map((m) => (
            <li>
              <strong>{m.channel.toUpperCase()}</strong> → {m.to} · {dateTime(m.createdAt)} · {m.status}
              {m.subject && <p>{m.subject}</p>}
              <pre>{m.body}</pre>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });
}
