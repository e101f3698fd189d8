// Labels in the back office: a manager's page to name and delete his administration's labels, and the form on a
// dossier page that sets the dossier's labels.
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/auth/staff.ts';
import { formField, formList } from '../../platform/http/form.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formContext, sendPage } from '../../platform/ui/render.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { CsrfField, Field, Notice } from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import * as labels from './labels.ts';
import * as service from './service.ts';
import { agentDossierPath, INBOX } from './paths.ts';
import { ULID as ID } from '../../platform/db/ids.ts';

export const LABELS_PATH = '/agent/etiquettes';

export async function labelRoutes(app: FastifyInstance): Promise<void> {
  const { db, blobs, config } = app.ctx;
  const env = { db, blobs, config };

  app.get<{ Querystring: { fait?: string } }>(LABELS_PATH, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const own = await labels.ownLabels(db, user);
    const notice = req.query.fait === 'nom' || req.query.fait === 'pris' ? req.query.fait : undefined;
    return sendPage(reply, <LabelsPage ctx={await formContext(req, reply)} labels={own} error={notice} />);
  });

  app.post(LABELS_PATH, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const error = await labels.createLabel(db, user, formField(req.body, 'nom', 200));
    return reply.redirect(error ? `${LABELS_PATH}?fait=${error === 'name' ? 'nom' : 'pris'}` : LABELS_PATH, 303);
  });

  app.post<{ Params: { labelId: string } }>(`${LABELS_PATH}/:labelId/suppression`, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    if (!ID.test(req.params.labelId)) throw new HttpProblem(404, 'instruction.labels.notfound');
    await labels.deleteLabel(db, user, req.params.labelId);
    return reply.redirect(LABELS_PATH, 303);
  });

  app.post<{ Params: { id: string } }>('/agent/dossiers/:id/etiquettes', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale);
    const ok = await labels.setLabels(db, view.dossier, formList(req.body, 'etiquettes'));
    return reply.redirect(`${agentDossierPath(view.dossier.id)}?fait=${ok ? 'done' : 'labels'}`, 303);
  });
}

function LabelsPage({ ctx, labels: own, error }: { ctx: PageContext; labels: labels.Label[]; error?: 'nom' | 'pris' }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('instruction.labels.title')} breadcrumb={[{ href: INBOX, label: t('instruction.inbox.title') }, { label: t('instruction.labels.title') }]}>
      <h1>{t('instruction.labels.title')}</h1>
      <p>{t('instruction.labels.lead')}</p>
      {own.length === 0 ? (
        <p>{t('instruction.labels.none')}</p>
      ) : (
        <ul>
          {own.map((l) => (
            <li>
              <strong class="tag">{l.name}</strong>{' '}
              <form method="post" action={`${LABELS_PATH}/${l.id}/suppression`} class="inline">
                <CsrfField token={ctx.csrf} />
                <button type="submit" class="link" aria-label={t('instruction.labels.deletenamed', { name: l.name })}>
                  {t('instruction.labels.delete')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {error && <Notice kind="warning">{t(`instruction.labels.error.${error}` as MessageKey)}</Notice>}
      <form method="post" action={LABELS_PATH} class="card">
        <CsrfField token={ctx.csrf} />
        <Field name="nom" label={t('instruction.labels.name')} hint={t('instruction.labels.namehint')} maxLength={labels.LABEL_MAX_LENGTH} required />
        <button type="submit">{t('instruction.labels.create')}</button>
      </form>
    </Layout>
  );
}
