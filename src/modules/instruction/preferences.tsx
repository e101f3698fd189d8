// /agent/preferences: each agent chooses what he hears about his teams' dossiers — every event as it comes,
// one digest a day, or nothing (the inbox still shows everything).
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/auth/staff.ts';
import { formField } from '../../platform/http/form.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formContext, sendPage } from '../../platform/ui/render.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { CsrfField, Notice } from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/page-context.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { NoticeMode } from '../../platform/db/schema.ts';
import { NOTICE_MODES, noticeMode, setNoticeMode } from './agent-notices.ts';
import { INBOX } from './paths.ts';
import { inboxColumnsRoutes } from './inbox-columns-routes.tsx';

export const PREFERENCES = '/agent/preferences';

export async function preferenceRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;
  // The inbox's columns are a preference too, chosen where they show (the inbox's "Colonnes" panel).
  inboxColumnsRoutes(app);

  app.get<{ Querystring: { enregistre?: string } }>(PREFERENCES, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const page = <PreferencesPage ctx={await formContext(req, reply)} mode={await noticeMode(db, user.id)} saved={req.query.enregistre === '1'} />;
    return sendPage(reply, page);
  });

  app.post(PREFERENCES, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const mode = formField(req.body, 'avis', 10);
    if (!(NOTICE_MODES as readonly string[]).includes(mode)) throw new HttpProblem(400, 'instruction.prefs.invalid');
    await setNoticeMode(db, user.id, mode as NoticeMode);
    return reply.redirect(`${PREFERENCES}?enregistre=1`, 303);
  });
}

function PreferencesPage({ ctx, mode, saved }: { ctx: PageContext; mode: NoticeMode; saved: boolean }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('instruction.prefs.title')} breadcrumb={[{ href: INBOX, label: t('instruction.inbox.title') }, { label: t('instruction.prefs.title') }]}>
      {saved && <Notice kind="success">{t('instruction.prefs.saved')}</Notice>}
      <h1>{t('instruction.prefs.title')}</h1>
      <form method="post" action={PREFERENCES} class="card">
        <CsrfField token={ctx.csrf} />
        <fieldset>
          <legend>{t('instruction.prefs.question')}</legend>
          {NOTICE_MODES.map((m) => (
            <div class="choice">
              <input type="radio" id={`avis-${m}`} name="avis" value={m} checked={m === mode} />
              <label for={`avis-${m}`}>{t(`instruction.prefs.${m}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{t('instruction.prefs.save')}</button>
      </form>
    </Layout>
  );
}
