// Assisted mode: a health-centre agent starts the birth declaration for the parents. A maternity knows the
// birth first-hand (it writes the « volet de naissance »): its agent types the facts in the back office, the
// platform prefills a draft of the same online procedure (checked by the same forms engine) and sends the
// parent a link by SMS; the parent opens it, signs in with that phone, checks, adds an identity document and
// files it. The parent stays the declarant the law names, the declaration is filed by the one submission path
// (exactly once), and it reaches the commune's officer like any other. Decision 0018.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../../platform/http/types.ts';
import type { DB } from '../../../platform/db/schema.ts';
import type { SessionUser } from '../../../platform/auth/session.ts';
import { appendAudit } from '../../../platform/audit/index.ts';
import { queueMessage } from '../../../platform/notify/messages.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { normalisePhone } from '../../accounts/index.ts';
import { createPrefilled, prefillPath } from '../../dossiers/index.ts';
import { territoriesOf } from '../../territories/index.ts';
import { DECLARATION_SLUG } from './declaration.ts';
import { parseDay } from './service.ts';

export interface HealthFacility {
  administrationId: string;
  name: string;
  communeCode: string;
}

/** The facilities the user is a health-centre agent of: a team member of a facility's administration. */
export async function facilitiesOf(db: Kysely<DB>, user: SessionUser): Promise<HealthFacility[]> {
  if (user.role !== 'agent' && user.role !== 'manager') return [];
  return db
    .selectFrom('civil_health_facilities as f')
    .select(['f.administration_id as administrationId', 'f.name', 'f.commune_code as communeCode'])
    .where('f.administration_id', 'in', (eb) =>
      eb.selectFrom('teams as t').innerJoin('team_members as m', 'm.team_id', 't.id').select('t.administration_id').where('m.user_id', '=', user.id),
    )
    .orderBy('f.name')
    .execute();
}

/** The form as typed (kept to show it again with its errors). */
export interface AssistedForm {
  etablissement: string;
  nom_enfant: string;
  prenoms_enfant: string;
  sexe: string;
  date: string;
  heure: string;
  nom_mere: string;
  prenoms_mere: string;
  nom_pere: string;
  prenoms_pere: string;
  telephone: string;
}

export const ASSISTED_FIELDS: readonly (keyof AssistedForm)[] = ['etablissement', 'nom_enfant', 'prenoms_enfant', 'sexe', 'date', 'heure', 'nom_mere', 'prenoms_mere', 'nom_pere', 'prenoms_pere', 'telephone'];

export type AssistedProblem =
  | 'civil.assisted.error.child'
  | 'civil.assisted.error.sex'
  | 'civil.assisted.error.date'
  | 'civil.assisted.error.future'
  | 'civil.assisted.error.late'
  | 'civil.assisted.error.mother'
  | 'civil.assisted.error.father'
  | 'civil.assisted.error.phone';

/** The legal delay to declare a birth (loi n° 2019-29): later, only a court's judgment can establish the act. */
export const DECLARATION_DAYS = 60;

/**
 * The facility's declaration read into the procedure's answers, or what is wrong with it, keyed by field.
 * `offsetMinutes` turns the typed local time into UTC (the service's zone).
 */
export function readAssisted(
  form: AssistedForm,
  facility: HealthFacility,
  ctx: { country: 'ne' | 'sn' | 'ci'; now: Date; utcOffsetMinutes: number },
): { ok: true; answers: Record<string, unknown>; phone: string } | { ok: false; problems: Partial<Record<keyof AssistedForm, AssistedProblem>> } {
  const problems: Partial<Record<keyof AssistedForm, AssistedProblem>> = {};
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (!clean(form.nom_enfant)) problems.nom_enfant = 'civil.assisted.error.child';
  if (!clean(form.prenoms_enfant)) problems.prenoms_enfant = 'civil.assisted.error.child';
  if (form.sexe !== 'f' && form.sexe !== 'm') problems.sexe = 'civil.assisted.error.sex';
  const day = parseDay(form.date);
  const time = /^(\d{1,2})[:hH](\d{2})$/.exec(form.heure.trim());
  let bornAt: Date | undefined;
  if (!day || !time || Number(time[1]) > 23 || Number(time[2]) > 59) problems.date = 'civil.assisted.error.date';
  else {
    bornAt = new Date(Date.parse(`${day}T${time[1]!.padStart(2, '0')}:${time[2]}:00Z`) - ctx.utcOffsetMinutes * 60_000);
    if (bornAt.getTime() > ctx.now.getTime()) problems.date = 'civil.assisted.error.future';
    else if (ctx.now.getTime() - bornAt.getTime() > DECLARATION_DAYS * 86_400_000) problems.date = 'civil.assisted.error.late';
  }
  if (!clean(form.nom_mere) || !clean(form.prenoms_mere)) problems.nom_mere = 'civil.assisted.error.mother';
  if (!!clean(form.nom_pere) !== !!clean(form.prenoms_pere)) problems.nom_pere = 'civil.assisted.error.father';
  const phone = normalisePhone(form.telephone, ctx.country);
  if (!phone) problems.telephone = 'civil.assisted.error.phone';
  if (Object.keys(problems).length > 0 || !bornAt || !phone) return { ok: false, problems };
  const commune = communeOfCode(ctx.country, facility.communeCode);
  const father = clean(form.nom_pere) ? { nom_pere: clean(form.nom_pere), prenoms_pere: clean(form.prenoms_pere) } : {};
  return {
    ok: true,
    phone,
    answers: {
      nom_enfant: clean(form.nom_enfant),
      prenoms_enfant: clean(form.prenoms_enfant),
      sexe_enfant: form.sexe,
      date_heure_naissance: `${bornAt.toISOString().slice(0, 16)}:00Z`,
      lieu_type: 'formation_sanitaire',
      formation_sanitaire: facility.name,
      ...(commune ? { commune_naissance: commune } : {}),
      nom_mere: clean(form.nom_mere),
      prenoms_mere: clean(form.prenoms_mere),
      ...father,
      telephone: phone,
    },
  };
}

function communeOfCode(country: 'ne' | 'sn' | 'ci', code: string) {
  for (const region of territoriesOf(country).regions) {
    for (const department of region.departments) {
      if (department.communes.some((c) => c.code === code)) return { region: region.code, department: department.code, commune: code };
    }
  }
  return undefined;
}

/** The minutes a zone is ahead of UTC at an instant (Niamey +60, Dakar 0). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * Prefills the declaration, texts its link to the parent (in French: the parent's language is not known yet)
 * and records who started it. Returns the link, which the agent may also hand over on paper.
 */
export async function startAssisted(ctx: AppContext, user: SessionUser, facility: HealthFacility, read: { answers: Record<string, unknown>; phone: string }): Promise<{ link: string }> {
  const draft = await createPrefilled(ctx, { slug: DECLARATION_SLUG, answers: read.answers, now: new Date() });
  if (!draft) throw new Error('the birth declaration procedure is not online');
  const link = `${ctx.config.publicUrl}${prefillPath(draft.token)}`;
  await ctx.db.transaction().execute(async (trx) => {
    const body = translate('fr', 'civil.assisted.sms', { facility: facility.name, child: `${read.answers.prenoms_enfant} ${read.answers.nom_enfant}`, url: link });
    await queueMessage(trx, { channel: 'sms', to: read.phone, body });
    await appendAudit(trx, { actorId: user.id, administrationId: facility.administrationId, subject: { type: 'dossier', id: draft.id }, action: 'civil_status.assisted_start', details: { facility: facility.administrationId } });
  });
  return { link };
}
