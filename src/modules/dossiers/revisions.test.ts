// Revisions of a procedure's form in the database: importing the same form twice makes no new revision; a
// new form leaves submitted dossiers on theirs and moves drafts when their answers still fit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { newId } from '../../platform/db/ids.ts';
import type { FormDefinition } from '../forms/index.ts';
import { openDossier } from './drafts.ts';
import { publishDefinition, publishedRevision } from './revisions-store.ts';
import * as store from './store.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

const env = () => ({ db: t.ctx.db, blobs: t.ctx.blobs, config: t.config });

const V1: FormDefinition = {
  sections: [
    {
      id: 'demande',
      title: 'Demande',
      fields: [
        { id: 'nom', type: 'text', label: 'Nom', required: true },
        { id: 'copies', type: 'integer', label: 'Copies', min: 1, max: 10 },
        { id: 'motif', type: 'choice', label: 'Motif', options: [{ value: 'emploi', label: 'Emploi' }, { value: 'visa', label: 'Visa' }] },
      ],
    },
  ],
};
// Revision 2: "copies" allows at most 3, "motif" lost its "visa" option, "telephone" is new.
const V2: FormDefinition = {
  sections: [
    {
      id: 'demande',
      title: 'Demande',
      fields: [
        { id: 'nom', type: 'text', label: 'Nom complet', required: true },
        { id: 'copies', type: 'integer', label: 'Copies', min: 1, max: 3 },
        { id: 'motif', type: 'choice', label: 'Motif', options: [{ value: 'emploi', label: 'Emploi' }] },
        { id: 'telephone', type: 'phone', label: 'Téléphone' },
      ],
    },
  ],
};

async function procedureWith(def: FormDefinition) {
  const p = await t.ctx.db.selectFrom('procedures').select('id').where('slug', '=', 'certificat-residence').where('country', '=', 'ne').executeTakeFirstOrThrow();
  const rev = await t.ctx.db.transaction().execute((trx) => publishDefinition(trx, p.id, def));
  return { procedureId: p.id, revision: rev };
}

async function applicant(): Promise<string> {
  const id = newId();
  await t.ctx.db.insertInto('users').values({ id, email: `${id.toLowerCase()}@exemple.ne` }).execute();
  return id;
}

test('publishing the same form again makes no new revision; a changed form does', async () => {
  const { procedureId, revision } = await procedureWith(V1);
  const same = await t.ctx.db.transaction().execute((trx) => publishDefinition(trx, procedureId, JSON.parse(JSON.stringify(V1))));
  assert.equal(same.id, revision.id);
  const next = await t.ctx.db.transaction().execute((trx) => publishDefinition(trx, procedureId, V2));
  assert.equal(next.number, revision.number + 1);
  assert.equal((await publishedRevision(t.ctx.db, procedureId))?.id, next.id);
  const old = await t.ctx.db.selectFrom('procedure_revisions').select('status').where('id', '=', revision.id).executeTakeFirstOrThrow();
  assert.equal(old.status, 'superseded');
});

test('a submitted dossier stays on its revision; a draft moves to the new one and loses what no longer fits', async () => {
  const { procedureId, revision } = await procedureWith(V1);
  const who = await applicant();
  const answers = { nom: 'Abdou', copies: 5, motif: 'visa' };
  const [submitted, draft] = [newId(), newId()];
  await store.insertDraft(t.ctx.db, { id: submitted, procedureId, revisionId: revision.id, applicantId: who, answers });
  await store.insertDraft(t.ctx.db, { id: draft, procedureId, revisionId: revision.id, applicantId: who, answers });
  const { administration_id: administrationId } = await t.ctx.db.selectFrom('procedures').select('administration_id').where('id', '=', procedureId).executeTakeFirstOrThrow();
  const filing = { teamId: null, administrationId, dueAt: null };
  await t.ctx.db.transaction().execute((trx) => store.markSubmitted(trx, { id: submitted, key: `k${submitted}`, reference: `DOS-2026-${submitted.slice(-6)}`, answers, at: new Date(), eventId: newId(), actorId: who, ...filing }));

  const v2 = await t.ctx.db.transaction().execute((trx) => publishDefinition(trx, procedureId, V2));

  const filed = await openDossier(env(), submitted, who, 'fr');
  assert.equal(filed?.dossier.revisionId, revision.id, 'pinned to the revision it was filed on');
  assert.deepEqual(filed?.dossier.answers, answers, 'its answers untouched');
  assert.equal(filed?.definition.sections[0]!.fields[0]!.type === 'text' && filed.definition.sections[0]!.fields[0]!.label, 'Nom');

  const moved = await openDossier(env(), draft, who, 'fr');
  assert.equal(moved?.dossier.revisionId, v2.id);
  assert.deepEqual(moved?.dossier.answers, { nom: 'Abdou' });
  assert.deepEqual(moved?.dropped.sort(), ['copies', 'motif']);
  const row = await t.ctx.db.selectFrom('dossiers').select(['revision_id', 'answers']).where('id', '=', draft).executeTakeFirstOrThrow();
  assert.equal(row.revision_id, v2.id, 'the move is saved');
});
