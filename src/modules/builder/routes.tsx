// The procedure builder (back office): managers put a procedure's online form together, preview it as an
// applicant, publish it. Every action is a plain form (POST, then a redirect back: works without script);
// public/builder.js posts the same forms with `X-Requested-With: fetch` and gets #builder alone back.
//
//   GET  /admin/demarches/:id/formulaire            the builder (?champ= ?section= ?dans=&type= ?bloc=&type= open an editor)
//   POST /admin/demarches/:id/formulaire            action = add-section | save-section | section-up | section-down |
//                                                   delete-section | save-field | field-up | field-down | delete-field |
//                                                   more-rules | discard
//   POST /admin/demarches/:id/formulaire/publier    publishes the draft
//   GET  /admin/demarches/:id/formulaire/apercu     ?page=<sectionId>: a page as applicants will see it
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formField } from '../../platform/http/form.ts';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import type { FormBody, Locale } from '../forms/index.ts';
import * as service from './service.ts';
import { editingFrom, type Body, type Editing, type Values } from './edit.ts';
import { BuilderMain, BuilderPage, builderPath, type BuilderNotice, type BuilderProps } from './views/builder-page.tsx';
import { PreviewPage } from './views/preview-page.tsx';

type Req = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string | string[] | undefined> }>;

/** Answers to the builder's script carry this header: anything else (an error page) is shown whole. */
export const FRAGMENT_HEADER = 'x-builder-fragment';

export async function builderRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;

  /** The signed-in staff member allowed to build this procedure's form; a redirect to sign in, or 403/404. */
  async function allowed(req: Req, reply: FastifyReply) {
    const user: SessionUser | null = await requireStaff(req, reply);
    if (!user) return null;
    const access = await service.access(db, user, req.params.id, config.country, req.locale);
    if (!access.ok) throw new HttpProblem(access.status, access.status === 404 ? 'error.notfound' : 'error.forbidden');
    return access.procedure;
  }

  const fromScript = (req: FastifyRequest) => req.headers['x-requested-with'] === 'fetch';

  /** The whole page, or #builder alone for the script. */
  async function show(req: Req, reply: FastifyReply, props: Omit<BuilderProps, 'ctx'>, status = 200) {
    const ctx = req.method === 'GET' ? await formContext(req, reply) : pageContext(req);
    reply.header('vary', 'x-requested-with');
    if (!fromScript(req)) return sendPage(reply, <BuilderPage ctx={ctx} {...props} />, status);
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .header(FRAGMENT_HEADER, '1')
      .type('text/html; charset=utf-8')
      .send(renderToString(<BuilderMain ctx={ctx} {...props} />));
  }

  app.get('/admin/demarches/:id/formulaire', async (req: Req, reply) => {
    const procedure = await allowed(req, reply);
    if (!procedure) return reply;
    const state = await service.loadState(db, procedure.id);
    const q = req.query;
    const one = (name: string) => formField(q, name, 200);
    const published = Number(one('publie'));
    let notice: BuilderNotice | undefined;
    if (published > 0) notice = { kind: 'published', number: published };
    else if (one('abandonne') === '1') notice = { kind: 'discarded' };
    else if (one('ok')) notice = { kind: 'saved' };
    // `ok`: a change was saved on that element; `vers`: back on it (an editor closed).
    return show(req, reply, { procedure, state, editing: editingFrom(state.definition, q), errors: [], notice, done: one('ok') || one('vers') || undefined });
  });

  app.post('/admin/demarches/:id/formulaire', async (req: Req, reply) => {
    const procedure = await allowed(req, reply);
    if (!procedure) return reply;
    const body = (req.body ?? {}) as Body;
    const outcome = await service.apply(db, procedure.id, body, req.locale as Locale);
    const base = builderPath(procedure.id);
    if (outcome.kind === 'saved') {
      if (outcome.done === 'discarded') return reply.redirect(`${base}?abandonne=1`, 303);
      return reply.redirect(outcome.done ? `${base}?ok=${encodeURIComponent(outcome.done)}#f-${outcome.done}` : base, 303);
    }
    const state = await service.loadState(db, procedure.id);
    if (outcome.kind === 'conflict') return show(req, reply, { procedure, state, editing: { kind: 'none' }, errors: [], notice: { kind: 'conflict' } }, 409);
    const raw = postedValues(body);
    if (outcome.kind === 'redisplay') return show(req, reply, { procedure, state, editing: outcome.editing, raw, extraRule: true, errors: [] });
    return show(req, reply, { procedure, state, editing: stillThere(state.definition, outcome.editing), raw, errors: outcome.errors }, 400);
  });

  app.post('/admin/demarches/:id/formulaire/publier', async (req: Req, reply) => {
    const procedure = await allowed(req, reply);
    if (!procedure) return reply;
    const result = await service.publish(db, procedure, formField(req.body, 'rev', 40), req.locale as Locale);
    const base = builderPath(procedure.id);
    if (result.kind === 'published') return reply.redirect(`${base}?publie=${result.number}`, 303);
    if (result.kind === 'nothing') return reply.redirect(base, 303);
    const state = await service.loadState(db, procedure.id);
    if (result.kind === 'conflict') return show(req, reply, { procedure, state, editing: { kind: 'none' }, errors: [], notice: { kind: 'conflict' } }, 409);
    return show(req, reply, { procedure, state, editing: { kind: 'none' }, errors: result.errors }, 400);
  });

  app.get('/admin/demarches/:id/formulaire/apercu', async (req: Req, reply) => {
    const procedure = await allowed(req, reply);
    if (!procedure) return reply;
    const state = await service.loadState(db, procedure.id);
    const definition = state.definition;
    if (definition.sections.length === 0) return reply.redirect(builderPath(procedure.id), 303);
    const page = formField(req.query, 'page', 100);
    const section = definition.sections.find((s) => s.id === page) ?? definition.sections[0]!;
    // What was typed comes back when a button of the page was used (add an item, refine a territory).
    const { page: _page, _add, _remove, _refine, lang: _lang, ...typed } = req.query;
    const raw = Object.keys(typed).length > 0 ? (typed as FormBody) : undefined;
    const add = typeof _add === 'string' ? _add : undefined;
    const ctx = await formContext(req, reply);
    const view = (
      <PreviewPage
        ctx={ctx}
        procedure={procedure}
        definition={definition}
        section={section}
        raw={raw}
        extraItems={add ? { [add]: 1 } : {}}
        country={config.country}
        draft={state.source === 'draft'}
      />
    );
    return sendPage(reply, view);
  });
}

/** The posted body as editor values (strings and lists of strings; nothing else). */
function postedValues(body: Body): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf' || k === 'rev' || k === 'action') continue;
    if (typeof v === 'string') out[k] = v.slice(0, 20_000);
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').slice(0, 20);
  }
  return out;
}

/** The editor to show again, if what it edits still exists. */
function stillThere(def: Parameters<typeof editingFrom>[0], editing: Editing): Editing {
  switch (editing.kind) {
    case 'field':
      return editingFrom(def, { champ: editing.address });
    case 'section':
      return editingFrom(def, { section: editing.id });
    case 'new-field':
      return editingFrom(def, { type: editing.type, dans: editing.section, bloc: editing.block });
    default:
      return editing;
  }
}
