// POST /agent/colonnes: the inbox's "Colonnes" panel. Each staff member's own arrangement: it names no
// dossier and changes nobody else's inbox. Back to the inbox as it was (same tab, filters and sort).
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/auth/staff.ts';
import { formField } from '../../platform/http/form.ts';
import { COLUMNS_PATH } from './inbox-columns.ts';
import { inboxHref, readInboxParams } from './inbox-query.ts';
import { chooseColumns } from './service.ts';

export function inboxColumnsRoutes(app: FastifyInstance): void {
  const { db, blobs, config } = app.ctx;
  const env = { db, blobs, config };

  app.post(COLUMNS_PATH, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const procedureId = formField(req.body, 'demarche', 26) || undefined;
    const outcome = await chooseColumns(env, user, { procedureId, reset: formField(req.body, 'defaut', 1) === '1', body: req.body }, req.i18n);
    // The way back is read like any inbox address, so it can only lead to the inbox.
    const back = readInboxParams(Object.fromEntries(new URLSearchParams(formField(req.body, 'retour', 2000))));
    return reply.redirect(inboxHref(back.raw, { onglet: back.tab === 'to_process' ? undefined : back.tab, colonnes: outcome }), 303);
  });
}
