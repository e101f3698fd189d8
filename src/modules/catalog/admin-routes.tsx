// Back office for fiches (/admin): managers edit their administration's fiches, operators every fiche;
// each edit can be previewed as citizens will see it before it is saved.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import { isLocale } from '../../platform/i18n/index.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import type { FieldError } from '../../platform/ui/components.tsx';
import type { Category } from './pack-schema.ts';
import * as store from './store.ts';
import * as adminStore from './admin-store.ts';
import { canEdit, isStaff, parseEdit, saveEdit, type EditErrors, type FicheEdit } from './admin-service.ts';
import { sniffAudio } from '../../platform/storage/file-kinds.ts';
import { AdminEditPage, AdminListPage } from './views/admin.tsx';
import { FichePage } from './views/fiche.tsx';

type EditRequest = FastifyRequest<{ Params: { id: string }; Querystring: { langue?: string; enregistre?: string } }>;

export async function catalogAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db, blobs, config } = app.ctx;

  /** The signed-in staff member, or a redirect to sign in / a 403 for everyone else. */
  const staff = async (req: FastifyRequest, reply: FastifyReply): Promise<SessionUser | null> => {
    const user = await requireStaff(req, reply);
    if (user && !isStaff(user)) throw new HttpProblem(403, 'error.forbidden');
    return user;
  };


  /** The fiche being edited, once the user's right to edit it is established. */
  const editable = async (req: EditRequest, user: SessionUser) => {
    const editLocale = isLocale(req.query.langue) ? req.query.langue : 'fr';
    const fiche = await store.findFiche(db, { id: req.params.id.slice(0, 40) }, editLocale);
    if (!fiche || fiche.country !== config.country) throw new HttpProblem(404, 'error.notfound');
    if (!(await canEdit(db, user, fiche.administrationId))) throw new HttpProblem(403, 'error.forbidden');
    return { fiche, editLocale };
  };

  app.get('/admin', async (req, reply) => {
    const user = await staff(req, reply);
    if (!user) return reply;
    const items = await adminStore.listEditable(db, {
      country: config.country,
      locale: req.locale,
      administrationId: user.role === 'operator' ? null : user.administrationId,
    });
    return sendPage(reply, <AdminListPage ctx={await formContext(req, reply)} items={items} />);
  });

  app.get('/admin/demarches/:id', async (req: EditRequest, reply) => {
    const user = await staff(req, reply);
    if (!user) return reply;
    const { fiche, editLocale } = await editable(req, user);
    const texts = await adminStore.rawTexts(db, fiche.id, editLocale);
    const edit: FicheEdit = {
      category: fiche.category as Category,
      costXof: fiche.costXof,
      delayDays: fiche.delayDays,
      onlineAvailable: fiche.onlineAvailable,
      onlineUrl: fiche.onlineUrl,
      published: fiche.published,
      texts: {
        title: texts?.title ?? undefined,
        summary: texts?.summary ?? undefined,
        who: texts?.who ?? undefined,
        steps: texts?.steps ?? [],
        documents: texts?.documents ?? [],
        cost_note: texts?.cost_note ?? undefined,
        delay: texts?.delay ?? undefined,
        legal_basis: texts?.legal_basis ?? [],
        complaint: texts?.complaint ?? undefined,
      },
    };
    const audio = fiche.audio?.locale === editLocale ? await store.findAudio(db, config.country, fiche.slug, editLocale) : null;
    const ctx = await formContext(req, reply);
    return sendPage(
      reply,
      <AdminEditPage ctx={ctx} id={fiche.id} slug={fiche.slug} editLocale={editLocale} edit={edit} saved={req.query.enregistre === '1'} audio={audio} />,
    );
  });

  app.post('/admin/demarches/:id', async (req: EditRequest, reply) => {
    const user = await staff(req, reply);
    if (!user) return reply;
    const { fiche, editLocale } = await editable(req, user);
    const { edit, errors } = parseEdit(req.body, editLocale);
    const ctx = pageContext(req);
    if (errors.length > 0) {
      const page = <AdminEditPage ctx={ctx} id={fiche.id} slug={fiche.slug} editLocale={editLocale} edit={edit} errors={translate(req, errors)} />;
      return sendPage(reply, page, 400);
    }
    if ((req.body as Record<string, unknown>).action === 'preview') {
      const t = edit.texts;
      const previewed: store.Fiche = {
        ...fiche,
        category: edit.category,
        costXof: edit.costXof,
        delayDays: edit.delayDays,
        onlineAvailable: edit.onlineAvailable,
        onlineUrl: edit.onlineUrl,
        title: t.title ?? fiche.title,
        summary: t.summary ?? fiche.summary,
        titleLocale: t.title ? editLocale : fiche.titleLocale,
        who: t.who ?? fiche.who,
        steps: t.steps?.length ? t.steps : fiche.steps,
        documents: t.documents?.length ? t.documents : fiche.documents,
        costNote: t.cost_note ?? fiche.costNote,
        delay: t.delay ?? fiche.delay,
        legalBasis: t.legal_basis?.length ? t.legal_basis : fiche.legalBasis,
        complaint: t.complaint ?? fiche.complaint,
      };
      return sendPage(reply, <FichePage ctx={ctx} fiche={previewed} preview />);
    }
    await saveEdit(db, fiche.id, editLocale, edit);
    return reply.redirect(`/admin/demarches/${fiche.id}?langue=${editLocale}&enregistre=1`, 303);
  });

  app.post('/admin/demarches/:id/audio', async (req: EditRequest, reply) => {
    const user = await staff(req, reply);
    if (!user) return reply;
    const { fiche, editLocale } = await editable(req, user);
    const file = req.isMultipart() ? await req.file() : undefined;
    if (!file) throw new HttpProblem(400, 'admin.error.audio');
    const data = await file.toBuffer(); // bounded by the multipart fileSize limit (413 above it)
    const mime = sniffAudio(data.subarray(0, 16));
    if (!mime) throw new HttpProblem(400, 'admin.error.audio');
    const blobKey = await blobs.put(data);
    const previous = await adminStore.saveAudio(db, { procedureId: fiche.id, locale: editLocale, blobKey, mime, size: data.length });
    if (previous) await blobs.delete(previous);
    return reply.redirect(`/admin/demarches/${fiche.id}?langue=${editLocale}&enregistre=1`, 303);
  });
}

function translate(req: FastifyRequest, errors: EditErrors): FieldError[] {
  return errors.map((e) => ({ field: e.field, message: req.i18n.t(e.key) }));
}
