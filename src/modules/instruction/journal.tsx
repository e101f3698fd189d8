// /agent/journal: a manager reads the audit log of his administration and the services under it — who opened
// or downloaded which dossier, who decided, who changed whose rights — newest first, page after page.
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/auth/staff.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { listAudit, type AuditRecord } from '../../platform/audit/index.ts';
import { formContext, sendPage } from '../../platform/ui/render.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import type { PageContext } from '../../platform/ui/page-context.ts';
import { administrationTree } from './scope.ts';
import { agentDossierPath, INBOX } from './paths.ts';

export const JOURNAL = '/agent/journal';
const PAGE = 100;

export async function journalRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;

  app.get<{ Querystring: { avant?: string } }>(JOURNAL, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    if (user.role !== 'manager' || !user.administrationId) throw new HttpProblem(403, 'error.forbidden');
    const before = /^\d{1,15}$/.test(req.query.avant ?? '') ? Number(req.query.avant) : undefined;
    const { entries, nextBeforeSeq } = await listAudit(db, { administrationIds: await administrationTree(db, user.administrationId), beforeSeq: before, limit: PAGE });
    const actorIds = [...new Set(entries.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
    const dossierIds = [...new Set(entries.flatMap((e) => (e.subjectType === 'dossier' && e.subjectId ? [e.subjectId] : [])))];
    const [actors, dossiers] = await Promise.all([
      actorIds.length ? db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', actorIds).execute() : [],
      dossierIds.length ? db.selectFrom('dossiers').select(['id', 'reference']).where('id', 'in', dossierIds).execute() : [],
    ]);
    const names = new Map(actors.map((a) => [a.id, a.name ?? a.email ?? a.id]));
    const references = new Map(dossiers.map((d) => [d.id, d.reference ?? d.id]));
    const next = nextBeforeSeq === null ? undefined : `${JOURNAL}?avant=${nextBeforeSeq}`;
    return sendPage(reply, <JournalPage ctx={await formContext(req, reply)} entries={entries} names={names} references={references} next={next} />);
  });
}

function JournalPage(p: { ctx: PageContext; entries: AuditRecord[]; names: Map<string, string>; references: Map<string, string>; next?: string }) {
  const { t } = p.ctx.i18n;
  return (
    <Layout ctx={p.ctx} title={t('instruction.journal.title')} breadcrumb={[{ href: INBOX, label: t('instruction.inbox.title') }, { label: t('instruction.journal.title') }]}>
      <h1>{t('instruction.journal.title')}</h1>
      <p>{t('instruction.journal.lead')}</p>
      {p.entries.length === 0 ? (
        <p>{t('instruction.journal.empty')}</p>
      ) : (
        <table>
          <caption>{t('instruction.journal.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('instruction.journal.when')}</th>
              <th scope="col">{t('instruction.journal.who')}</th>
              <th scope="col">{t('instruction.journal.what')}</th>
              <th scope="col">{t('instruction.journal.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {p.entries.map((e) => (
              <tr>
                <td>{p.ctx.i18n.dateTime(e.at)}</td>
                <td>{e.actorId ? (p.names.get(e.actorId) ?? e.actorId) : t('instruction.journal.platform')}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.subjectType === 'dossier' && e.subjectId ? <a href={agentDossierPath(e.subjectId)}>{p.references.get(e.subjectId) ?? e.subjectId}</a> : (e.subjectId ?? '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.next && (
        <p>
          <a href={p.next} rel="next">
            {t('instruction.journal.older')}
          </a>
        </p>
      )}
    </Layout>
  );
}
