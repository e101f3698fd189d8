// GET /agent/statistiques[?demarche=<procedure id>]: the statistics of the dossiers in the reader's scope —
// an agent's teams, a manager's administration. Read-only; the form on the page is a GET filter, so it
// carries no CSRF token.
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../../platform/ui/render.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import { scopeOf } from './scope.ts';
import { proceduresInScope } from './store.ts';
import { procedureStats, statsMonths } from './stats.ts';
import { StatsPage, STATS_PATH } from './views/stats-page.tsx';
import { ULID as ID } from '../../platform/db/ids.ts';

export function statsRoute(app: FastifyInstance): void {
  const { db, config } = app.ctx;
  app.get<{ Querystring: { demarche?: unknown } }>(STATS_PATH, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    // An unreadable procedure id is ignored, as the inbox ignores a stale filter.
    const selected = typeof req.query.demarche === 'string' && ID.test(req.query.demarche) ? req.query.demarche : undefined;
    const scope = await scopeOf(db, user);
    const now = new Date();
    const [stats, procedures] = await Promise.all([
      procedureStats(db, { scope, procedureId: selected, now, timeZone: config.timeZone, locale: req.locale }),
      proceduresInScope(db, scope, req.locale),
    ]);
    const page = <StatsPage ctx={pageContext(req)} stats={stats} months={statsMonths(now, config.timeZone)} procedures={procedures} selected={selected} />;
    return sendPage(reply, page);
  });
}
