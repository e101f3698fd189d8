// How a manager sets the processing of his administration's procedures: the default team, the legal delay, what
// silence means, the reminder, and the routing rules (a team and up to three conditions on the answers, all or
// any of them). Conditions are checked against the procedure's published form: an unknown question or an
// operator without its value is refused, never stored.
import { sql, type Kysely } from 'kysely';
import type { DB, Silence } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { newId } from '../../platform/db/ids.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { appendAudit } from '../../platform/audit/index.ts';
import { CONDITION_OPS, isInput, textIn, type Condition, type ConditionOp, type FormDefinition } from '../forms/index.ts';
import { administrationTree, visibleTeams } from './scope.ts';

export const SILENCES: readonly Silence[] = ['none', 'accept', 'refuse'];
export const MAX_CONDITIONS = 3;
const NEEDS_VALUE: readonly ConditionOp[] = ['equals', 'differs', 'lt', 'gt', 'includes'];

export interface Question {
  /** What a condition names: a field id, or `field.region` / `.department` / `.commune` for a territory. */
  path: string;
  label: string;
  /** How a typed value compares with its answers. */
  kind: 'boolean' | 'number' | 'text';
}

const KINDS: Partial<Record<string, Question['kind']>> = { yesno: 'boolean', checkbox: 'boolean', integer: 'number', decimal: 'number', amount: 'number' };

export interface RuleView {
  id: string;
  position: number;
  teamId: string;
  condition: Condition;
}

export interface ProcessingView {
  procedure: { id: string; title: string };
  teams: { id: string; name: string }[];
  questions: Question[];
  settings: { defaultTeamId: string | null; legalDelayDays: number | null; silence: Silence; reminderDays: number };
  rules: RuleView[];
}

/** The procedures a manager sets: those of his administration and the services under it. */
export async function managedProcedures(db: Kysely<DB>, manager: SessionUser, locale: string): Promise<{ id: string; title: string }[]> {
  const tree = await treeOf(db, manager);
  const { rows } = await sql<{ id: string; title: string }>`
    SELECT p.id, coalesce(t.title, f.title) AS title FROM procedures p
    JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = p.id AND t.locale = ${locale}
    WHERE p.administration_id = ANY(${tree}::text[]) AND p.online_available
    ORDER BY 2`.execute(db);
  return rows;
}

export async function processingOf(db: Kysely<DB>, manager: SessionUser, procedureId: string, locale: string): Promise<ProcessingView> {
  const procedure = (await managedProcedures(db, manager, locale)).find((p) => p.id === procedureId);
  if (!procedure) throw new HttpProblem(404, 'instruction.routing.notfound');
  const tree = await treeOf(db, manager);
  const [teams, settings, rules, revision] = await Promise.all([
    visibleTeams(db, { by: 'administration', ids: tree }),
    db.selectFrom('procedure_processing').selectAll().where('procedure_id', '=', procedureId).executeTakeFirst(),
    db.selectFrom('routing_rules').select(['id', 'position', 'team_id', 'condition']).where('procedure_id', '=', procedureId).orderBy('position').execute(),
    db.selectFrom('procedure_revisions').select('definition').where('procedure_id', '=', procedureId).where('status', '=', 'published').executeTakeFirst(),
  ]);
  return {
    procedure,
    teams,
    questions: revision ? questionsOf(revision.definition as FormDefinition, locale) : [],
    settings: {
      defaultTeamId: settings?.default_team_id ?? null,
      legalDelayDays: settings?.legal_delay_days ?? null,
      silence: settings?.silence ?? 'none',
      reminderDays: settings?.reminder_days ?? 3,
    },
    rules: rules.map((r) => ({ id: r.id, position: r.position, teamId: r.team_id, condition: r.condition as Condition })),
  };
}

/** The questions a rule can test: the applicant's top-level answers, a territory also by its parts. */
export function questionsOf(def: FormDefinition, locale: string): Question[] {
  return def.sections.flatMap((s) =>
    s.fields.flatMap((f) => {
      if (!isInput(f) || f.private || f.type === 'repeat' || f.type === 'attachment' || f.type === 'identityDocument') return [];
      const label = textIn(f.label, locale as 'fr');
      const kind = KINDS[f.type] ?? 'text';
      if (f.type !== 'territory') return [{ path: f.id, label, kind }];
      return [{ path: f.id, label, kind }, ...(['region', 'department', 'commune'] as const).map((part) => ({ path: `${f.id}.${part}`, label: `${label} (${part})`, kind }))];
    }),
  );
}

export type SettingsError = 'team' | 'delay' | 'silence' | 'reminder';

export async function saveSettings(
  db: Kysely<DB>,
  manager: SessionUser,
  view: ProcessingView,
  input: { defaultTeamId: string; legalDelayDays: string; silence: string; reminderDays: string },
): Promise<SettingsError | null> {
  const team = input.defaultTeamId === '' ? null : input.defaultTeamId;
  if (team && !view.teams.some((t) => t.id === team)) return 'team';
  const delay = input.legalDelayDays.trim() === '' ? null : Number(input.legalDelayDays);
  if (delay !== null && (!Number.isInteger(delay) || delay < 1 || delay > 3650)) return 'delay';
  if (!(SILENCES as readonly string[]).includes(input.silence)) return 'silence';
  // Silence can only decide when there is a deadline to run out.
  if (input.silence !== 'none' && delay === null) return 'delay';
  const reminder = Number(input.reminderDays);
  if (!Number.isInteger(reminder) || reminder < 0 || reminder > 30) return 'reminder';
  const values = { default_team_id: team, legal_delay_days: delay, silence: input.silence as Silence, reminder_days: reminder };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('procedure_processing')
      .values({ procedure_id: view.procedure.id, ...values })
      .onConflict((oc) => oc.column('procedure_id').doUpdateSet(values))
      .execute();
    await appendAudit(trx, { actorId: manager.id, action: 'routing.settings', subject: { type: 'procedure', id: view.procedure.id }, administrationId: manager.administrationId, details: values });
  });
  return null;
}

export type RuleError = 'team' | 'conditions' | 'field' | 'value';

/** Reads a rule from the form: a team, `all` or `any`, and rows of (question, operator, value); empty rows skipped. */
export function readRule(view: ProcessingView, input: { teamId: string; join: string; rows: { field: string; op: string; value: string }[] }): { ok: true; teamId: string; condition: Condition } | { ok: false; error: RuleError } {
  if (!view.teams.some((t) => t.id === input.teamId)) return { ok: false, error: 'team' };
  const parts: Condition[] = [];
  for (const row of input.rows.slice(0, MAX_CONDITIONS)) {
    if (row.field === '') continue;
    const question = view.questions.find((q) => q.path === row.field);
    if (!question || !(CONDITION_OPS as readonly string[]).includes(row.op)) return { ok: false, error: 'field' };
    const op = row.op as ConditionOp;
    if (!NEEDS_VALUE.includes(op)) {
      parts.push({ field: row.field, op });
      continue;
    }
    const value = typedValue(question.kind, row.value.trim().slice(0, 200));
    if (value === undefined) return { ok: false, error: 'value' };
    parts.push({ field: row.field, op, value });
  }
  if (parts.length === 0) return { ok: false, error: 'conditions' };
  const condition: Condition = parts.length === 1 ? parts[0]! : input.join === 'any' ? { any: parts } : { all: parts };
  return { ok: true, teamId: input.teamId, condition };
}

/** A value as the answers hold it: yes/no as a boolean ("oui", "non"), numbers as numbers, else the text. */
function typedValue(kind: Question['kind'], text: string): string | number | boolean | undefined {
  if (text === '') return undefined;
  if (kind === 'boolean') return /^(oui|yes|true|1)$/i.test(text) ? true : /^(non|no|false|0)$/i.test(text) ? false : undefined;
  if (kind === 'number') return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : undefined;
  return text;
}

/** Adds the rule after the others (the first rule that holds wins). */
export async function addRule(db: Kysely<DB>, manager: SessionUser, view: ProcessingView, rule: { teamId: string; condition: Condition }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('routing_rules').select((eb) => eb.fn.max('position').as('max')).where('procedure_id', '=', view.procedure.id).executeTakeFirst();
    const id = newId();
    await trx
      .insertInto('routing_rules')
      .values({ id, procedure_id: view.procedure.id, position: Number(last?.max ?? 0) + 1, team_id: rule.teamId, condition: JSON.stringify(rule.condition) })
      .execute();
    await appendAudit(trx, { actorId: manager.id, action: 'routing.rule_added', subject: { type: 'procedure', id: view.procedure.id }, administrationId: manager.administrationId, details: { rule: id, ...rule } });
  });
}

export async function deleteRule(db: Kysely<DB>, manager: SessionUser, view: ProcessingView, ruleId: string): Promise<boolean> {
  if (!view.rules.some((r) => r.id === ruleId)) return false;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('routing_rules').where('id', '=', ruleId).execute();
    await appendAudit(trx, { actorId: manager.id, action: 'routing.rule_deleted', subject: { type: 'procedure', id: view.procedure.id }, administrationId: manager.administrationId, details: { rule: ruleId } });
  });
  return true;
}

/** Swaps a rule with the one before it: order decides which team gets a dossier several rules match. */
export async function raiseRule(db: Kysely<DB>, manager: SessionUser, view: ProcessingView, ruleId: string): Promise<boolean> {
  const index = view.rules.findIndex((r) => r.id === ruleId);
  if (index <= 0) return index === 0;
  const [above, rule] = [view.rules[index - 1]!, view.rules[index]!];
  await db.transaction().execute(async (trx) => {
    // Through a free position, since (procedure, position) is unique.
    await trx.updateTable('routing_rules').set({ position: -1 }).where('id', '=', rule.id).execute();
    await trx.updateTable('routing_rules').set({ position: rule.position }).where('id', '=', above.id).execute();
    await trx.updateTable('routing_rules').set({ position: above.position }).where('id', '=', rule.id).execute();
    await appendAudit(trx, { actorId: manager.id, action: 'routing.rule_raised', subject: { type: 'procedure', id: view.procedure.id }, administrationId: manager.administrationId, details: { rule: ruleId } });
  });
  return true;
}

async function treeOf(db: Kysely<DB>, manager: SessionUser): Promise<string[]> {
  if (manager.role !== 'manager' || !manager.administrationId) throw new HttpProblem(403, 'error.forbidden');
  return administrationTree(db, manager.administrationId);
}
