// /agent/routage/:procedureId/notifications: a procedure's managers write what its applicants receive at each
// step (decision 0014). GET shows the table and, with ?evenement=&langue=, the editor; POST previews, saves or
// deletes one (step, language). A refused save shows the page again with the text as typed and the reasons.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLocale } from '../../platform/i18n/index.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import { formField } from '../../platform/http/form.ts';
import { formContext, sendPage } from '../../platform/ui/render.ts';
import type { TemplateSet } from '../dossiers/index.ts';
import { MAX_LENGTH, checkTemplate, deleteTemplate, isKind, saveTemplate, startingText, templatesOf, type TemplatesView } from './notification-templates.ts';
import { ROUTING } from './paths.ts';
import { NotificationTemplatesPage, editorPath, notificationsPath, type Editor, type TemplatesNotice } from './views/notification-templates-page.tsx';

type Req = FastifyRequest<{ Params: { procedureId: string }; Querystring: { evenement?: string; langue?: string; fait?: string } }>;
const DONE: Record<string, TemplatesNotice> = { enregistre: 'saved', supprime: 'deleted', francais: 'frenchneeded' };

export async function notificationTemplateRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;
  const PATH = `${ROUTING}/:procedureId/notifications`;

  const show = async (req: Req, reply: FastifyReply, view: TemplatesView, extra: { editor?: Editor; notice?: TemplatesNotice }, status = 200) =>
    sendPage(reply, <NotificationTemplatesPage ctx={await formContext(req, reply)} view={view} {...extra} />, status);

  app.get(PATH, async (req: Req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await templatesOf(db, user, req.params.procedureId.slice(0, 40), req.locale);
    const { evenement: kind, langue: locale } = req.query;
    const notice = DONE[req.query.fait ?? ''];
    if (!isKind(kind) || !isLocale(locale)) return show(req, reply, view, { notice });
    const set = view.own[kind]?.[locale] ?? startingText(locale, kind);
    const checked = await checkTemplate(db, config, view, kind, locale, set, req.locale);
    return show(req, reply, view, { notice, editor: { kind, locale, set, checked, showErrors: false } });
  });

  app.post(PATH, async (req: Req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await templatesOf(db, user, req.params.procedureId.slice(0, 40), req.locale);
    const kind = formField(req.body, 'evenement', 20);
    const locale = formField(req.body, 'langue', 5);
    if (!isKind(kind) || !isLocale(locale)) return show(req, reply, view, { notice: 'choose' }, 400);
    const action = formField(req.body, 'faire', 20);
    const back = (done: string) => reply.redirect(`${notificationsPath(view.procedure.id)}?evenement=${kind}&langue=${locale}&fait=${done}#editeur`, 303);

    if (action === 'supprimer') {
      const outcome = await deleteTemplate(db, user, view, kind, locale);
      return outcome === 'frenchneeded' ? back('francais') : outcome === 'deleted' ? back('supprime') : reply.redirect(editorPath(view.procedure.id, kind, locale), 303);
    }
    // Read a little past each limit, so that an over-long text is refused rather than silently cut.
    const set: TemplateSet = {
      sms: formField(req.body, 'sms', MAX_LENGTH.sms + 1).replace(/\r\n/g, '\n'),
      subject: formField(req.body, 'objet', MAX_LENGTH.subject + 1),
      body: formField(req.body, 'corps', MAX_LENGTH.body + 1).replace(/\r\n/g, '\n'),
    };
    if (action === 'enregistrer') {
      const checked = await saveTemplate(db, config, user, view, kind, locale, set, req.locale);
      if (checked.errors.length === 0) return back('enregistre');
      return show(req, reply, view, { editor: { kind, locale, set, checked, showErrors: true } }, 400);
    }
    // A preview: the text as typed, counted and filled with a sample dossier; nothing is written.
    const checked = await checkTemplate(db, config, view, kind, locale, set, req.locale);
    return show(req, reply, view, { editor: { kind, locale, set, checked, showErrors: true } });
  });
}
