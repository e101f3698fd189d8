// The civil-status pages of the back office (/agent/etat-civil). Every handler starts with requireStaff; the
// service then admits only the officers of the commune concerned (404 for anyone else).
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../../platform/auth/staff.ts';
import { formField } from '../../../platform/http/form.ts';
import { HttpProblem } from '../../../platform/http/errors.tsx';
import { formContext, pageContext, sendPage } from '../../../platform/ui/render.ts';
import * as service from './service.ts';
import { readDeclaration } from './declaration.ts';
import * as store from './store.ts';
import { actPath, ASSISTED_PATH, CIVIL_HOME, civilDossierPath } from './paths.ts';
import { RegisterPage, type SearchForm } from './views/register-page.tsx';
import { DeclarationPage, ExtractPage, type CivilFlash } from './views/civil-dossier-page.tsx';
import { ActPage } from './views/act-page.tsx';
import { AssistedPage } from './views/assisted-page.tsx';
import { ASSISTED_FIELDS, facilitiesOf, readAssisted, startAssisted, utcOffsetMinutes, type AssistedForm } from './assisted.ts';

type IdParams = { Params: { id: string } };

const FLASH: Record<string, CivilFlash> = {
  stale: { kind: 'warning', key: 'instruction.flash.stale' },
  state: { kind: 'warning', key: 'instruction.flash.state' },
  exists: { kind: 'warning', key: 'civil.registration.exists' },
  act: { kind: 'warning', key: 'civil.extract.noact' },
  issued: { kind: 'success', key: 'civil.extract.issued' },
};

/** The search criteria typed in a query string; undefined parts are left out. */
function criteriaOf(q: Record<string, unknown>): { form: SearchForm; criteria: service.SearchCriteria; typed: boolean } {
  const s = (name: string, max: number) => (typeof q[name] === 'string' ? (q[name] as string).replace(/\0/g, '').trim().slice(0, max) : '');
  const form: SearchForm = { registre: s('registre', 26), numero: s('numero', 6), annee: s('annee', 4), nom: s('nom', 80), prenoms: s('prenoms', 120), naissance: s('naissance', 10) };
  const criteria: service.SearchCriteria = {};
  if (/^\d{1,6}$/.test(form.numero)) criteria.number = Number(form.numero);
  if (/^\d{4}$/.test(form.annee)) criteria.year = Number(form.annee);
  if (form.nom) criteria.surname = form.nom;
  if (form.prenoms) criteria.givenNames = form.prenoms;
  const day = form.naissance ? service.parseDay(form.naissance) : null;
  if (day) criteria.birthDate = day;
  const typed = Object.entries(form).some(([k, v]) => k !== 'registre' && v !== '');
  return { form, criteria, typed };
}

function versionOf(body: unknown): number {
  const value = formField(body, 'version', 12);
  return /^\d{1,9}$/.test(value) ? Number(value) : -1;
}

export async function civilStatusRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.ctx;

  app.get(CIVIL_HOME, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const [registers, facilities] = await Promise.all([service.registersOf(ctx.db, user), facilitiesOf(ctx.db, user)]);
    // One address for both: a health-centre agent who keeps no register is sent to the declaration form.
    if (registers.length === 0 && facilities.length > 0) return reply.redirect(ASSISTED_PATH, 303);
    if (registers.length === 0) throw new HttpProblem(403, 'civil.error.notofficer');
    const { form, criteria, typed } = criteriaOf(req.query as Record<string, unknown>);
    const register = registers.find((r) => r.id === form.registre) ?? registers[0]!;
    form.registre = register.id;
    const precise = service.searchIsPrecise(criteria);
    const results = precise ? await service.searchRegister(ctx, user, register, criteria) : undefined;
    return sendPage(reply, <RegisterPage ctx={await formContext(req, reply)} registers={registers} form={form} results={results} vague={typed && !precise} assisted={facilities.length > 0} />);
  });

  /** The officer's page of a declaration or an extract request. */
  app.get<IdParams & { Querystring: { fait?: string } }>(`${CIVIL_HOME}/dossiers/:id`, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const cd = await service.civilDossier(ctx, user, req.params.id);
    const flash = FLASH[req.query.fait ?? ''];
    const page = await formContext(req, reply);
    if (cd.kind === 'declaration') {
      const act = await store.actOfDossier(ctx.db, cd.id);
      const read = readDeclaration(cd.answers, ctx.config.country, new Date());
      return sendPage(reply, <DeclarationPage ctx={page} cd={cd} flash={flash} act={act} facts={read.ok ? read.facts : undefined} problems={read.ok ? [] : read.problems} />);
    }
    const typed = criteriaOf(req.query as Record<string, unknown>);
    const criteria = typed.typed ? typed.criteria : service.criteriaOfRequest(cd.answers);
    const candidates = await service.searchRegister(ctx, user, cd.register, criteria, cd.id);
    return sendPage(reply, <ExtractPage ctx={page} cd={cd} flash={flash} criteria={criteria} candidates={candidates} />);
  });

  app.post<IdParams>(`${CIVIL_HOME}/dossiers/:id/enregistrement`, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const cd = await service.civilDossier(ctx, user, req.params.id);
    const outcome = await service.registerBirth(ctx, user, cd, { version: versionOf(req.body) });
    if (outcome.ok) return reply.redirect(`${actPath(outcome.actId)}?enregistre=1`, 303);
    if (outcome.reason === 'problems') {
      // Said on the page itself, with what is wrong; nothing was written.
      const page = <DeclarationPage ctx={pageContext(req)} cd={cd} problems={outcome.problems} flash={{ kind: 'warning', key: 'civil.registration.refused' }} />;
      return sendPage(reply, page, 400);
    }
    return reply.redirect(`${civilDossierPath(cd.id)}?fait=${outcome.reason}`, 303);
  });

  app.get<IdParams & { Querystring: { acte?: string } }>(`${CIVIL_HOME}/dossiers/:id/apercu`, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const cd = await service.civilDossier(ctx, user, req.params.id);
    const pdf = await service.previewExtract(ctx, user, cd, typeof req.query.acte === 'string' ? req.query.acte : '');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="apercu-${cd.reference}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(pdf));
  });

  app.post<IdParams>(`${CIVIL_HOME}/dossiers/:id/extrait`, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const cd = await service.civilDossier(ctx, user, req.params.id);
    const outcome = await service.issueExtract(ctx, user, cd, { actId: formField(req.body, 'acte', 26), version: versionOf(req.body) });
    return reply.redirect(`${civilDossierPath(cd.id)}?fait=${outcome.ok ? 'issued' : outcome.reason}`, 303);
  });

  app.get<IdParams & { Querystring: { enregistre?: string; ajoute?: string } }>(`${CIVIL_HOME}/actes/:id`, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const { act, register, mentions } = await service.viewAct(ctx, user, req.params.id);
    const page = await formContext(req, reply);
    return sendPage(reply, <ActPage ctx={page} act={act} register={register} mentions={mentions} added={req.query.ajoute === '1'} registered={req.query.enregistre === '1'} />);
  });

  app.post<IdParams>(`${CIVIL_HOME}/actes/:id/mentions`, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const input = { kind: formField(req.body, 'nature', 20), date: formField(req.body, 'date', 10), text: formField(req.body, 'texte', 2001), authority: formField(req.body, 'autorite', 201) };
    const outcome = await service.addMention(ctx, user, req.params.id, input);
    if (outcome.ok) return reply.redirect(`${actPath(req.params.id)}?ajoute=1`, 303);
    const { act, register, mentions } = await service.viewAct(ctx, user, req.params.id);
    return sendPage(reply, <ActPage ctx={pageContext(req)} act={act} register={register} mentions={mentions} problems={outcome.problems} draft={input} />, 400);
  });

  // Assisted mode: health-centre agents only (a team member of a registered health facility); others 403.
  const emptyForm = (): AssistedForm => Object.fromEntries(ASSISTED_FIELDS.map((f) => [f, ''])) as unknown as AssistedForm;

  app.get(ASSISTED_PATH, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const facilities = await facilitiesOf(ctx.db, user);
    if (facilities.length === 0) throw new HttpProblem(403, 'civil.error.nothealth');
    return sendPage(reply, <AssistedPage ctx={await formContext(req, reply)} facilities={facilities} form={emptyForm()} />);
  });

  app.post(ASSISTED_PATH, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const facilities = await facilitiesOf(ctx.db, user);
    if (facilities.length === 0) throw new HttpProblem(403, 'civil.error.nothealth');
    const form = Object.fromEntries(ASSISTED_FIELDS.map((f) => [f, formField(req.body, f, 120)])) as unknown as AssistedForm;
    const facility = facilities.find((f) => f.administrationId === form.etablissement) ?? facilities[0]!;
    const now = new Date();
    const read = readAssisted(form, facility, { country: ctx.config.country, now, utcOffsetMinutes: utcOffsetMinutes(ctx.config.timeZone, now) });
    if (!read.ok) return sendPage(reply, <AssistedPage ctx={pageContext(req)} facilities={facilities} form={form} problems={read.problems} />, 400);
    const { link } = await startAssisted(ctx, user, facility, read);
    return sendPage(reply, <AssistedPage ctx={pageContext(req)} facilities={facilities} form={{ ...emptyForm(), etablissement: facility.administrationId }} link={link} />);
  });
}
