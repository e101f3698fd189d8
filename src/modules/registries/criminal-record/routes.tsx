// The registry's back-office pages (/agent/casier/...) and the bulletin n°3 step of a dossier
// (/agent/dossiers/:id/casier...). Thin: read the request, ask the service (which checks the rights), render.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../../platform/auth/staff.ts';
import { formField } from '../../../platform/http/form.ts';
import { formContext, sendPage } from '../../../platform/ui/render.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { canTake } from '../../dossiers/index.ts';
import * as flow from './dossier-flow.ts';
import { CONVICTION_FIELDS, IDENTITY_FIELDS, readConviction, readDate, readEvent, readIdentity, readValues, type Errors } from './form.ts';
import { today } from './model.ts';
import * as paths from './paths.ts';
import * as service from './service.ts';
import { RegistryPage } from './views/registry-page.tsx';
import { ConvictionFormPage } from './views/conviction-form-page.tsx';
import { PersonPage } from './views/person-page.tsx';
import { Bulletin1Page } from './views/bulletin-page.tsx';
import { DossierCasierPage } from './views/dossier-casier-page.tsx';

type Id = { Params: { id: string } };

/** Why issuing did nothing, as the dossier's casier page says it. */
const ISSUE_PROBLEMS: Record<string, MessageKey> = {
  stale: 'casier.dossier.stale',
  state: 'casier.dossier.state',
  'not-found': 'casier.dossier.state',
  motivation: 'casier.dossier.state',
  choice: 'casier.dossier.nochoice',
};

export async function criminalRecordRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;
  const day = () => today(config.timeZone);

  app.get<{ Querystring: { q?: string; naissance?: string } }>(paths.REGISTRY, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const access = await service.requireAccess(db, user, 'any', 403);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
    const rawDate = typeof req.query.naissance === 'string' ? req.query.naissance.slice(0, 10) : '';
    const birthDate = rawDate ? readDate(rawDate) : undefined;
    const dateError = rawDate !== '' && !birthDate;
    const searched = !dateError && (q.trim() !== '' || birthDate !== undefined);
    const results = searched ? await service.search(db, access, { text: q, birthDate }) : [];
    const page = <RegistryPage ctx={await formContext(req, reply)} clerk={service.isClerk(access)} q={q} birthDate={rawDate} searched={searched} results={results} dateError={dateError} />;
    return sendPage(reply, page);
  });

  app.get<{ Querystring: { personne?: string } }>(paths.NEW_CONVICTION, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const access = await service.requireAccess(db, user, 'clerk');
    const personId = typeof req.query.personne === 'string' ? req.query.personne : '';
    const person = personId ? (await service.viewPerson(db, access, personId)).person : undefined;
    return sendPage(reply, <ConvictionFormPage ctx={await formContext(req, reply)} person={person} values={{ categorie: '' }} errors={{}} />);
  });

  app.post(paths.CONVICTIONS, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const access = await service.requireAccess(db, user, 'clerk');
    const values = readValues(req.body, [...IDENTITY_FIELDS, ...CONVICTION_FIELDS, 'personne', 'choix']);
    const errors: Errors = {};
    // A registered person: given by the person page, or picked among the homonyms the last attempt showed.
    const chosen = values.personne || (values.choix && values.choix !== 'nouvelle' ? values.choix : '');
    const person = chosen ? (await service.viewPerson(db, access, chosen)).person : undefined;
    const identity = person ? undefined : readIdentity(values, errors, day());
    const conviction = readConviction(values, errors, day(), person?.birthDate ?? identity?.birthDate);
    const again = async (extra: { homonyms?: Awaited<ReturnType<typeof service.registerConviction>> }, status: number) => {
      const homonyms = extra.homonyms?.kind === 'homonyms' ? extra.homonyms.matches : undefined;
      return sendPage(reply, <ConvictionFormPage ctx={await formContext(req, reply)} person={values.personne ? person : undefined} values={values} errors={errors} homonyms={homonyms} />, status);
    };
    if (!conviction || (!person && !identity)) return again({}, 400);
    const result = await service.registerConviction(db, access, { personId: person?.id, identity, confirmNew: values.choix === 'nouvelle', conviction });
    if (result.kind === 'homonyms') return again({ homonyms: result }, 409);
    return reply.redirect(`${paths.personPath(result.personId)}?enregistre=1`, 303);
  });

  app.get<Id & { Querystring: { enregistre?: string } }>('/agent/casier/personnes/:id', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const access = await service.requireAccess(db, user, 'clerk');
    const { person, convictions } = await service.viewPerson(db, access, req.params.id);
    const verdicts = service.verdicts(person, convictions, day());
    return sendPage(reply, <PersonPage ctx={await formContext(req, reply)} person={person} convictions={convictions} verdicts={verdicts} saved={req.query.enregistre === '1'} />);
  });

  app.post<Id>('/agent/casier/condamnations/:id/evenements', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const access = await service.requireAccess(db, user, 'clerk');
    const head = await service.conviction(db, req.params.id);
    const read = readEvent(req.body, day(), head.decisionDate);
    if (!read.input) {
      const { person, convictions } = await service.viewPerson(db, access, head.personId);
      const verdicts = service.verdicts(person, convictions, day());
      const eventForm = { convictionId: head.id, values: read.values, errors: read.errors };
      return sendPage(reply, <PersonPage ctx={await formContext(req, reply)} person={person} convictions={convictions} verdicts={verdicts} eventForm={eventForm} />, 400);
    }
    await service.addEvent(db, access, head.id, read.input);
    return reply.redirect(`${paths.personPath(head.personId)}?enregistre=1#c-${head.id}`, 303);
  });

  app.get<Id>('/agent/casier/personnes/:id/bulletin-1', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const access = await service.requireAccess(db, user, 'any');
    const { person, entries, day: on } = await service.bulletin1(db, access, req.params.id, config.timeZone);
    return sendPage(reply, <Bulletin1Page ctx={await formContext(req, reply)} person={person} entries={entries} day={on} />);
  });

  // ── Bulletin n°3 of a dossier ──────────────────────────────────────────────────────────────────────────

  /** The dossier, its candidates and, when a valid choice is given, the bulletin drawn for it. */
  async function dossierState(req: FastifyRequest<Id>, choiceValue: string) {
    const user = req.session!.user!;
    const access = await service.requireAccess(db, user, 'clerk');
    const dossier = await flow.clerkDossier(app.ctx, user.id, req.params.id);
    const candidates = await flow.candidatesOf(app.ctx, access, dossier);
    const choice = choiceValue ? flow.readChoice(choiceValue, candidates) : undefined;
    const draft = choice ? await flow.draftBulletin(app.ctx, access, dossier, candidates, choice) : undefined;
    return { access, dossier, candidates, choice, draft };
  }

  app.get<Id & { Querystring: { choix?: string; probleme?: string } }>('/agent/dossiers/:id/casier', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const s = await dossierState(req, typeof req.query.choix === 'string' ? req.query.choix : '');
    const problem = ISSUE_PROBLEMS[req.query.probleme ?? ''];
    const page = (
      <DossierCasierPage ctx={await formContext(req, reply)} dossier={s.dossier} candidates={s.candidates} choice={s.choice} entries={s.draft?.entries} problem={problem} canIssue={canTake('accept', s.dossier.status)} />
    );
    return sendPage(reply, page);
  });

  app.get<Id & { Querystring: { choix?: string } }>('/agent/dossiers/:id/casier/apercu', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const s = await dossierState(req, typeof req.query.choix === 'string' ? req.query.choix : '');
    if (!s.draft) return reply.redirect(`${paths.dossierCasierPath(s.dossier.id)}?probleme=choice`, 303);
    const pdf = await flow.preview(app.ctx, s.draft);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="apercu-bulletin-3-${s.dossier.reference}.pdf"`)
      .type('application/pdf')
      .send(Buffer.from(pdf));
  });

  app.post<Id>('/agent/dossiers/:id/casier/delivrance', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const s = await dossierState(req, formField(req.body, 'choix', 40));
    const back = (problem: string) => reply.redirect(`${paths.dossierCasierPath(s.dossier.id)}?probleme=${problem}`, 303);
    if (!s.draft) return back('choice');
    const version = /^\d{1,9}$/.test(formField(req.body, 'version', 12)) ? Number(formField(req.body, 'version', 12)) : -1;
    const result = await flow.issue(app.ctx, s.access, s.dossier, s.draft, version);
    if (!result.ok) return back(result.reason);
    return reply.redirect(`/agent/dossiers/${s.dossier.id}?fait=done`, 303);
  });

}
