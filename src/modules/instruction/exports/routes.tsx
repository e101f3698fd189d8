// The exports pages (/agent/exports): choose a procedure, columns, a format and filters; download a small
// export at once or find a large one in the list when the worker has built it; keep column sets. Every
// handler starts with requireStaff, then refuses anyone who is not an agent or a manager.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formContext, sendPage } from '../../../platform/ui/render.ts';
import { requireStaff } from '../../../platform/auth/staff.ts';
import type { SessionUser } from '../../../platform/auth/session.ts';
import { HttpProblem } from '../../../platform/http/errors.tsx';
import type { ExportFormat } from '../../../platform/db/schema.ts';
import { DEFAULT_COLUMNS } from './columns.ts';
import { readExportForm, type ExportForm, type InputError } from './input.ts';
import { deleteSetPath, EXPORTS_PATH, exportsHref } from './paths.ts';
import * as service from './service.ts';
import { exportsOf } from './store.ts';
import { MIME } from './writer.ts';
import { DONE, ExportsPage, type Done, type FormValues } from './views/exports-page.tsx';

type Query = { Querystring: Record<string, unknown> };
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const { db, blobs, config } = app.ctx;
  const env = { db, blobs, config };

  async function requireExporter(req: FastifyRequest, reply: FastifyReply): Promise<SessionUser | null> {
    const user = await requireStaff(req, reply);
    if (user && !service.mayExport(user)) throw new HttpProblem(403, 'error.forbidden');
    return user;
  }

  /** The page, with the procedure's form when one is chosen, the values to show again and what went wrong. */
  async function page(req: FastifyRequest, reply: FastifyReply, user: SessionUser, s: { ws?: service.Workspace; procedureId?: string; view?: service.ProcedureView; values: FormValues; errors: InputError[]; done?: Done }) {
    const ws = s.ws ?? (await service.workspaceOf(db, user, req.locale));
    // Someone with a single procedure has nothing to choose.
    const only = ws.procedures.length === 1 && !s.procedureId ? ws.procedures[0]!.id : undefined;
    const view = s.view ?? (only ? await service.procedureView(env, user, ws, only, req.i18n) : undefined);
    const [exports, ctx] = await Promise.all([exportsOf(db, user.id), formContext(req, reply)]);
    const props = { ctx, procedures: ws.procedures, chosen: s.procedureId ?? only, view, exports, values: s.values, errors: s.errors, done: s.done };
    return sendPage(reply, <ExportsPage {...props} />, s.errors.length > 0 ? 400 : 200);
  }

  app.get<Query>(EXPORTS_PATH, async (req, reply) => {
    const user = await requireExporter(req, reply);
    if (!user) return reply;
    const procedureId = text(req.query.demarche, 40);
    const setId = text(req.query.jeu, 40);
    const done = DONE.find((d) => d === req.query.fait);
    const errors: InputError[] = [];
    const ws = await service.workspaceOf(db, user, req.locale);
    const view = procedureId ? await service.procedureView(env, user, ws, procedureId, req.i18n) : undefined;
    if (procedureId && !view) errors.push({ field: 'demarche', key: 'instruction.export.error.procedure' });
    let columns = DEFAULT_COLUMNS;
    if (setId && view) {
      const set = view.sets.find((s) => s.id === setId);
      if (set) columns = set.columns;
      else errors.push({ field: 'colonnes', key: 'instruction.export.error.setnotfound' });
    }
    const values: FormValues = { columns, format: 'xlsx', status: '', from: '', to: '', setName: view?.sets.find((s) => s.id === setId)?.name ?? '' };
    return page(req, reply, user, { ws, procedureId: procedureId || undefined, view, values, errors, done });
  });

  app.post(EXPORTS_PATH, async (req, reply) => {
    const user = await requireExporter(req, reply);
    if (!user) return reply;
    const form = readExportForm(req.body);
    const again = (r: { errors: InputError[]; view?: service.ProcedureView }) => page(req, reply, user, { procedureId: form.procedureId || undefined, view: r.view, values: valuesOf(form), errors: r.errors });
    if (form.action === 'save') {
      const saved = await service.saveColumnSet(env, user, form, req.i18n);
      return saved.ok ? reply.redirect(exportsHref({ demarche: saved.procedureId, jeu: saved.id, fait: 'jeu' }), 303) : again(saved);
    }
    const outcome = await service.requestExport(env, user, form, req.i18n);
    if (!outcome.ok) return again(outcome);
    if (outcome.kind === 'queued') return reply.redirect(exportsHref({ fait: 'attente' }, '#exports'), 303);
    return attachment(reply, outcome.fileName, outcome.format).header('content-length', outcome.body.length).send(outcome.body);
  });

  app.get<{ Params: { id: string } }>(`${EXPORTS_PATH}/:id/fichier`, async (req, reply) => {
    const user = await requireExporter(req, reply);
    if (!user) return reply;
    const { record, file } = await service.openExport(env, user, req.params.id);
    return attachment(reply, record.fileName, record.format).send(file);
  });

  app.post<{ Params: { id: string } }>(deleteSetPath(':id'), async (req, reply) => {
    const user = await requireExporter(req, reply);
    if (!user) return reply;
    const procedureId = await service.deleteColumnSet(env, user, req.params.id);
    return reply.redirect(exportsHref({ demarche: procedureId, fait: 'suppression' }), 303);
  });
}

/** Sent as a file to save, never shown in the browser; our names are plain ASCII (procedure slug, time). */
function attachment(reply: FastifyReply, fileName: string, format: ExportFormat): FastifyReply {
  return reply.header('content-type', MIME[format]).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store');
}

function valuesOf(form: ExportForm): FormValues {
  return { columns: form.columns, format: form.format, status: form.status, from: form.from, to: form.to, setName: form.setName };
}
