// The rule that must never break: an agent sees only the dossiers routed to his teams, a manager only his
// administration's, nobody else anything — through any route. The matrix is drawn from the server's own route
// table: every route under /agent, and every route that serves a dossier, must be listed below with who may
// use it, or this test fails; so a new route cannot slip past it. Each route is called by every persona; a
// refused persona gets a redirect to sign in, a 403 or a 404 (or a page without the dossier), and nothing in
// the database changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import { Visitor } from '../../../test/support/browser-session.ts';
import { newId } from '../../platform/db/ids.ts';

// `expert`: an agent of another team of the administration, asked for an opinion on the dossier.
const PERSONAS = ['anonymous', 'applicant', 'agent', 'teammate_elsewhere', 'agent_elsewhere', 'manager', 'manager_elsewhere', 'operator', 'expert'] as const;
type Persona = (typeof PERSONAS)[number];

/** Who may use each route; `public` routes (signing in, accepting an invitation) serve no dossier. */
const ALLOWED: Record<string, Persona[] | 'public'> = {
  'GET /agent': ['agent', 'manager'],
  // The expert reads the dossier and its files, and nothing else of it: every action below refuses him.
  'GET /agent/dossiers/:id': ['agent', 'manager', 'expert'],
  'GET /agent/dossiers/:id/pieces/:file': ['agent', 'manager', 'expert'],
  // The same file shown inline (decision 0012): the same door as its download.
  'GET /agent/dossiers/:id/pieces/:file/apercu': ['agent', 'manager', 'expert'],
  'POST /agent/dossiers/:id/avis': ['agent', 'manager'],
  // The dossier's own people pass the door too, then the request refuses whoever it is not addressed to
  // (opinions.test.ts); the others get a 404.
  'POST /agent/dossiers/:id/avis/:opinion': ['agent', 'manager', 'expert'],
  // Everyone's own list of requests; only the expert's holds this dossier.
  'GET /agent/avis': ['expert'],
  'POST /agent/dossiers/:id/decision': ['agent', 'manager'],
  'POST /agent/dossiers/:id/correction': ['agent', 'manager'],
  'POST /agent/dossiers/:id/equipe': ['manager'],
  'POST /agent/dossiers/:id/suivi': ['agent', 'manager'],
  'POST /agent/dossiers/:id/messages': ['agent', 'manager'],
  // The team's private notes: its own agents and the managers over it, nobody else.
  'POST /agent/dossiers/:id/annotations': ['agent', 'manager'],
  'POST /agent/lot': ['agent', 'manager'],
  'POST /agent/dossiers/:id/etiquettes': ['agent', 'manager'],
  // A manager names his own administration's labels; only they can delete them.
  'GET /agent/etiquettes': ['manager', 'manager_elsewhere'],
  'POST /agent/etiquettes': ['manager', 'manager_elsewhere'],
  'POST /agent/etiquettes/:labelId/suppression': ['manager'],
  // Another administration's manager reads his own journal, where this dossier never appears.
  'GET /agent/journal': ['manager'],
  // Each manager lists his own procedures; only the dossier's administration sets this procedure's routing.
  'GET /agent/routage': ['manager', 'manager_elsewhere'],
  'GET /agent/routage/:procedureId': ['manager'],
  'POST /agent/routage/:procedureId': ['manager'],
  'POST /agent/routage/:procedureId/regles': ['manager'],
  'POST /agent/routage/:procedureId/regles/:ruleId/:move': ['manager'],
  // What the procedure's applicants are told at each step: its administration's managers only (decision 0014).
  'GET /agent/routage/:procedureId/notifications': ['manager'],
  'POST /agent/routage/:procedureId/notifications': ['manager'],
  'GET /agent/equipes': ['manager'],
  // Creating a team or inviting someone happens in the manager's own administration, whichever it is.
  'POST /agent/equipes': ['manager', 'manager_elsewhere'],
  'POST /agent/equipes/:teamId/membres': ['manager'],
  'POST /agent/equipes/:teamId/membres/:userId/retrait': ['manager'],
  'POST /agent/invitations': ['manager', 'manager_elsewhere'],
  // An export is drawn from its author's own scope, whoever he is: any agent or manager may ask for one.
  'GET /agent/exports': ['agent', 'teammate_elsewhere', 'agent_elsewhere', 'manager', 'manager_elsewhere', 'expert'],
  'POST /agent/exports': ['agent', 'teammate_elsewhere', 'agent_elsewhere', 'manager', 'manager_elsewhere', 'expert'],
  // A stored export and a saved column set belong to their author alone, and no persona here has one: all
  // are refused. exports/exports.test.ts checks that the author gets his file and another agent a 404.
  'GET /agent/exports/:id/fichier': [],
  'POST /agent/exports/jeux/:id/suppression': [],
  // Figures of the reader's own scope; they name no dossier, so a stranger's page holds no secret either.
  'GET /agent/statistiques': ['agent', 'manager'],
  // Each staff member's own notification choice: no dossier, no one else's setting.
  'GET /agent/preferences': ['agent', 'teammate_elsewhere', 'agent_elsewhere', 'manager', 'manager_elsewhere', 'operator', 'expert'],
  'POST /agent/preferences': ['agent', 'teammate_elsewhere', 'agent_elsewhere', 'manager', 'manager_elsewhere', 'operator', 'expert'],
  // The inbox's columns: each staff member arranges his own list; no dossier, no one else's choice.
  'POST /agent/colonnes': ['agent', 'teammate_elsewhere', 'agent_elsewhere', 'manager', 'manager_elsewhere', 'operator', 'expert'],
  // Civil status: only the officers of the commune whose register is concerned (members of a team of the
  // administration holding it). No persona here is one, and the dossier is a criminal record request, not a
  // civil-status one: everyone is refused. registries/civil-status/civil-status.test.ts lets the officer in
  // and keeps another commune's officer out.
  'GET /agent/etat-civil': [],
  'GET /agent/etat-civil/dossiers/:id': [],
  'POST /agent/etat-civil/dossiers/:id/enregistrement': [],
  'GET /agent/etat-civil/dossiers/:id/apercu': [],
  'POST /agent/etat-civil/dossiers/:id/extrait': [],
  'GET /agent/etat-civil/actes/:id': [],
  'POST /agent/etat-civil/actes/:id/mentions': [],
  // Assisted mode: staff of a registered health facility only; none here (civil-status/assisted.test.ts).
  'GET /agent/etat-civil/declarations/nouvelle': [],
  'POST /agent/etat-civil/declarations/nouvelle': [],
  // The criminal record belongs to the clerks of teams holding the registry (and judges for bulletin n°1): no
  // persona here is one — not even the dossier's own agent, whose team does not keep it — so everyone is
  // refused. registries/criminal-record/criminal-record.test.ts lets the clerk and the judge in.
  'GET /agent/casier': [],
  'GET /agent/casier/condamnations/nouvelle': [],
  'POST /agent/casier/condamnations': [],
  'GET /agent/casier/personnes/:id': [],
  'POST /agent/casier/condamnations/:id/evenements': [],
  'GET /agent/casier/personnes/:id/bulletin-1': [],
  'GET /agent/dossiers/:id/casier': [],
  'GET /agent/dossiers/:id/casier/apercu': [],
  'POST /agent/dossiers/:id/casier/delivrance': [],
  'GET /agent/connexion': 'public',
  'POST /agent/connexion': 'public',
  'GET /agent/connexion/verification': 'public',
  'POST /agent/connexion/verification': 'public',
  'POST /agent/connexion/verification/nouveau-code': 'public',
  'GET /agent/invitation/:token': 'public',
  'POST /agent/invitation/:token': 'public',
  'GET /dossiers/:id': ['applicant'],
  'GET /dossiers/:id/pages/:section': ['applicant'],
  'POST /dossiers/:id/pages/:section': ['applicant'],
  'GET /dossiers/:id/recapitulatif': ['applicant'],
  'POST /dossiers/:id/depot': ['applicant'],
  'GET /dossiers/:id/correction': ['applicant'],
  'POST /dossiers/:id/correction': ['applicant'],
  'POST /dossiers/:id/messages': ['applicant'],
  'POST /dossiers/:id/supprimer': ['applicant'],
  'GET /dossiers/:id/pieces/:file': ['applicant'],
  // The fee of a dossier (decision 0017): its applicant pays and asks the provider again; nobody else.
  'GET /dossiers/:id/paiement': ['applicant'],
  'POST /dossiers/:id/paiement': ['applicant'],
  'POST /dossiers/:id/paiement/verifier': ['applicant'],
  'GET /dossiers/:id/paiement/etat': ['applicant'],
  // Payments of the administration's procedures (decision 0017): its managers only (each sees his own
  // administration's; another's names no dossier of this one). A payment named by its id: none here is flagged,
  // so every refund is refused; payments/backoffice.test.ts lets the manager refund and keeps others out.
  'GET /agent/paiements': ['manager', 'manager_elsewhere'],
  'POST /agent/paiements/:id/remboursement': [],
  'POST /agent/paiements/rapprochement': ['manager', 'manager_elsewhere'],
  'GET /api/v1/dossiers/:reference': ['applicant'],
  'GET /mes-dossiers': ['applicant'],
  // Documents (decision 0015). The receipt of submission: the dossier's applicant only. The dossier's documents,
  // its preview of a decision letter: the agents whose scope holds it. A document named by its id: no persona
  // here has one issued, so all are refused; documents/documents.test.ts lets the owner and the dossier's agent
  // in and keeps the others out (revocation included: a 404 and nothing changed).
  'GET /dossiers/:id/accuse-de-reception': ['applicant'],
  'GET /dossiers/:id/documents/:documentId': [],
  // The letter of an acceptance or a refusal: this dossier is neither, so everyone gets a 404 (the owner too);
  // documents.test.ts gives the owner his letter and keeps another applicant out.
  'GET /dossiers/:id/lettre-de-decision': [],
  'GET /agent/dossiers/:id/documents': ['agent', 'manager'],
  'GET /agent/dossiers/:id/apercu-document': ['agent', 'manager'],
  'GET /agent/dossiers/:id/documents/:documentId': [],
  'GET /agent/documents/:documentId/revocation': [],
  'POST /agent/documents/:documentId/revocation': [],
  // The prefill API makes a new unclaimed draft; it reads no existing dossier.
  'POST /api/v1/procedures/:slug/dossiers': 'public',
};

/** Pages that show no single dossier (teams, figures, settings): reaching them is all that is checked. */
const WITHOUT_DOSSIER = ['/agent/paiements', '/dossiers/:id/paiement/etat', '/agent/equipes', '/agent/statistiques', '/agent/exports', '/agent/preferences', '/agent/etiquettes', '/agent/journal', '/agent/routage', '/agent/routage/:procedureId', '/agent/routage/:procedureId/notifications'];

const guarded = (url: string) => url.startsWith('/agent') || /dossier/.test(url);

let t: TestApp;
let visitors: Record<Persona, Visitor>;
let params: Record<string, string>;
let secrets: string[];

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own, other } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Équipe du dossier');
  const elsewhere = await makeTeam(t, own, 'Équipe voisine');
  const strangers = await makeTeam(t, other, 'Équipe étrangère');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  const filed = await fileCasier(t);
  const agent = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team], name: 'Agent du dossier' });
  const expert = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [await makeTeam(t, own, 'Équipe experte')] });
  const opinion = newId();
  const dueAt = new Date(Date.now() + 7 * 86_400_000);
  await t.ctx.db.insertInto('dossier_opinions').values({ id: opinion, dossier_id: filed.id, asked_by: agent.id, expert_id: expert.id, team_id: null, question: 'Votre avis ?', yes_no: false, due_at: dueAt }).execute();
  // A valid request, were the door to let a refused persona ask: only authorization may stop it.
  Object.assign(FORM, { qui: `u:${expert.id}`, echeance: dueAt.toISOString().slice(0, 10) });
  visitors = {
    anonymous: new Visitor(t.app, { 'x-forwarded-for': '10.77.0.1' }),
    applicant: filed.v,
    agent: agent.v,
    teammate_elsewhere: (await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [elsewhere] })).v,
    agent_elsewhere: (await signedInStaff(t, { role: 'agent', administrationId: other, teamIds: [strangers] })).v,
    manager: (await signedInStaff(t, { role: 'manager', administrationId: own })).v,
    manager_elsewhere: (await signedInStaff(t, { role: 'manager', administrationId: other })).v,
    operator: (await signedInStaff(t, { role: 'operator' })).v,
    expert: expert.v,
  };
  const file = await t.ctx.db.selectFrom('dossier_attachments').select('id').where('dossier_id', '=', filed.id).executeTakeFirstOrThrow();
  const labelId = newId();
  await t.ctx.db.insertInto('labels').values({ id: labelId, administration_id: own, name: 'Pièce manquante' }).execute();
  const ruleId = newId();
  const rule = { field: 'lieu_naissance', op: 'equals', value: 'Agadez' };
  await t.ctx.db.insertInto('routing_rules').values({ id: ruleId, procedure_id: procedureId, position: 1, team_id: team, condition: JSON.stringify(rule) }).execute();
  params = { labelId, ruleId, procedureId, move: 'suppression', id: filed.id, file: file.id, reference: filed.reference, teamId: team, userId: agent.id, section: 'identite', token: 'x'.repeat(43), opinion };
  // What a refused persona must never read: the dossier's reference, its applicant's answers, the team's people.
  secrets = [filed.reference, 'Issoufou', 'Agent du dossier'];
});
after(() => t.close());

/** Everything a request could change about the dossier, its team and the back office's rights. */
async function snapshot(): Promise<string> {
  const { rows } = await sql`
    SELECT d.status, d.version, d.team_id, d.archived, d.answers,
      (SELECT count(*) FROM dossier_messages WHERE dossier_id = d.id) AS messages,
      (SELECT count(*) FROM dossier_attachments WHERE dossier_id = d.id) AS files,
      (SELECT count(*) FROM dossier_followers WHERE dossier_id = d.id) AS followers,
      (SELECT count(*) FROM dossier_corrections WHERE dossier_id = d.id) AS corrections,
      (SELECT count(*) FROM dossier_events WHERE dossier_id = d.id) AS events,
      (SELECT count(*) FROM dossier_opinions WHERE dossier_id = d.id) AS opinions,
      (SELECT count(*) FROM dossier_opinions WHERE dossier_id = d.id AND answered_at IS NOT NULL) AS opinions_answered,
      (SELECT count(*) FROM team_members) AS members, (SELECT count(*) FROM routing_rules) AS rules,
      (SELECT row_to_json(pp) FROM procedure_processing pp WHERE pp.procedure_id = d.procedure_id) AS processing, (SELECT count(*) FROM labels) AS labels,
      (SELECT count(*) FROM dossier_labels WHERE dossier_id = d.id) AS dossier_labels, (SELECT count(*) FROM teams) AS teams,
      (SELECT count(*) FROM staff_invitations) AS invitations,
      (SELECT count(*) FROM procedure_notification_templates) AS notice_templates,
      (SELECT count(*) FROM audit_log WHERE subject_id = d.id) AS audit
    FROM dossiers d WHERE d.id = ${params.id}`.execute(t.ctx.db);
  return JSON.stringify(rows[0]);
}

const FORM = { version: '0', action: 'accept', motivation: 'essai', champs: 'nom', motif: 'essai', equipe: '', suivre: '1', message: 'essai', name: 'Équipe pirate', email: 'pirate@exemple.ne', role: 'agent', cle: 'k'.repeat(30), qui: '', question: 'essai', echeance: '', avis: 'essai', reponse: 'oui', evenement: 'accepted', langue: 'fr', sms: 'essai {reference}', objet: 'essai', corps: 'essai', faire: 'enregistrer' };

async function call(who: Persona, method: string, pattern: string) {
  const url = pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'X');
  const v = visitors[who];
  // A fresh CSRF token from a page of the persona's own, so refusals come from authorization, not CSRF.
  await v.get(who === 'applicant' ? '/mes-dossiers' : '/agent');
  if (method === 'GET') return v.get(url);
  // The dossier as the inbox would tick it, at its current version: only the scope can stop the batch.
  const { version } = await t.ctx.db.selectFrom('dossiers').select('version').where('id', '=', params.id!).executeTakeFirstOrThrow();
  return v.post(url, { ...FORM, lot: `${params.id}.${version}` });
}

function refused(res: { statusCode: number; headers: Record<string, unknown>; body: string }): boolean {
  const to = String(res.headers.location ?? '');
  if (res.statusCode === 303) return /^\/(agent\/)?connexion/.test(to);
  if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 404) return true;
  return res.statusCode === 200 && !secrets.some((s) => res.body.includes(s));
}

test('every back-office and dossier route is in the matrix', () => {
  const routes = t.app.routeTable.filter((r) => guarded(r.url)).map((r) => `${r.method} ${r.url}`);
  const missing = routes.filter((r) => !(r in ALLOWED));
  assert.deepEqual(missing, [], 'say who may use these routes in ALLOWED');
});

test('nobody outside the dossier\'s team and administration reads or changes anything, through any route', async () => {
  const before = await snapshot();
  for (const { method, url } of t.app.routeTable.filter((r) => guarded(r.url))) {
    const allowed = ALLOWED[`${method} ${url}`];
    if (allowed === 'public' || !allowed) continue;
    for (const who of PERSONAS.filter((p) => !allowed.includes(p))) {
      const res = await call(who, method, url);
      assert.ok(refused(res), `${who} on ${method} ${url}: ${res.statusCode} ${String(res.headers.location ?? '')}`);
      assert.ok(res.statusCode < 500, `${who} on ${method} ${url}: never a server error`);
    }
  }
  assert.equal(await snapshot(), before, 'refused requests changed nothing');
});

test('the dossier\'s own people reach every route they are given', async () => {
  for (const { method, url } of t.app.routeTable.filter((r) => guarded(r.url) && r.method === 'GET')) {
    const allowed = ALLOWED[`${method} ${url}`];
    if (allowed === 'public' || !allowed) continue;
    for (const who of allowed) {
      const res = await call(who, method, url);
      const to = String(res.headers.location ?? '');
      // A page may send its reader on (a filed dossier's form pages lead to the dossier), never to sign in.
      assert.ok(res.statusCode === 200 || (res.statusCode === 303 && !/connexion/.test(to)), `${who} on ${method} ${url}: ${res.statusCode} ${to}`);
      const shows = res.statusCode !== 200 || url.includes(':file') || WITHOUT_DOSSIER.includes(url) || secrets.slice(0, 2).some((x) => res.body.includes(x));
      assert.ok(shows, `${who} sees the dossier on ${url}`);
    }
  }
});
