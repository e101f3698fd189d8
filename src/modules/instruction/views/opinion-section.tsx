// The opinions part of a dossier page: each request with its answer (or, for the person asked, the form to
// give it; once given it is only shown), and the form to ask a new one. Shared by the team's page and the
// expert's, who sees only the requests made to him.
import { CsrfField } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { OpinionRow } from '../opinions-store.ts';
import { localDay, OPINION_MAX, type OpinionPanel } from '../opinions.ts';
import { answerOpinionPath, askOpinionPath } from '../opinions-paths.ts';

interface Props {
  ctx: PageContext;
  dossierId: string;
  panel: OpinionPanel;
  now: Date;
}

export function OpinionSection(p: Props) {
  const { t } = p.ctx.i18n;
  return (
    <section id="avis" aria-labelledby="avis-title">
      <h2 id="avis-title">{t('instruction.opinion.title')}</h2>
      {p.panel.requests.length === 0 ? (
        <p>{t('instruction.opinion.none')}</p>
      ) : (
        <ul class="cards">
          {p.panel.requests.map((r) => (
            <OpinionItem {...p} r={r} />
          ))}
        </ul>
      )}
      {p.panel.canAsk && <AskForm {...p} />}
    </section>
  );
}

/** "Late" is judged by the end of the due day where the service is (the stored instant). */
export function isLate(r: Pick<OpinionRow, 'answeredAt' | 'dueAt'>, now: Date): boolean {
  return r.answeredAt === null && r.dueAt.getTime() < now.getTime();
}

function OpinionItem(p: Props & { r: OpinionRow }) {
  const { t, date, dateTime } = p.ctx.i18n;
  const { r } = p;
  const to = r.expertName !== null ? t('instruction.opinion.to.person', { name: r.expertName }) : t('instruction.opinion.to.team', { name: r.teamName ?? '—' });
  return (
    <li>
      <p>
        <strong>{to}</strong> · {t('instruction.opinion.asked', { asker: r.askerName ?? '—', date: dateTime(r.createdAt) })}
      </p>
      <p class="meta">
        {t('instruction.opinion.due', { date: date(r.dueAt) })} {isLate(r, p.now) && <strong class="late">{t('instruction.opinion.late')}</strong>}
      </p>
      <p class="body">{r.question}</p>
      {r.yesNo && <p class="meta">{t('instruction.opinion.yesno.expected')}</p>}
      {r.answeredAt !== null ? (
        <div class="card">
          <p class="meta">{t('instruction.opinion.answered', { name: r.answererName ?? '—', date: dateTime(r.answeredAt) })}</p>
          {r.answerYes !== null && (
            <p>
              <strong>{t(r.answerYes ? 'instruction.opinion.yes' : 'instruction.opinion.no')}</strong>
            </p>
          )}
          <p class="body">{r.answer}</p>
        </div>
      ) : r.mine ? (
        <AnswerForm {...p} />
      ) : (
        <p class="meta">{t('instruction.opinion.waiting')}</p>
      )}
    </li>
  );
}

function AnswerForm(p: Props & { r: OpinionRow }) {
  const { t } = p.ctx.i18n;
  const id = `o-${p.r.id}`;
  return (
    <form method="post" action={answerOpinionPath(p.dossierId, p.r.id)} class="card">
      <CsrfField token={p.ctx.csrf} />
      {p.r.yesNo && (
        <fieldset>
          <legend>{t('instruction.opinion.reply.yesno')}</legend>
          {(['oui', 'non'] as const).map((v) => (
            <div class="choice">
              <input type="radio" id={`${id}-${v}`} name="reponse" value={v} required />
              <label for={`${id}-${v}`}>{t(v === 'oui' ? 'instruction.opinion.yes' : 'instruction.opinion.no')}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div class="field">
        <label for={`${id}-text`}>{t('instruction.opinion.reply.text')}</label>
        <p class="hint" id={`${id}-hint`}>
          {t('instruction.opinion.reply.hint')}
        </p>
        <textarea id={`${id}-text`} name="avis" rows={4} maxLength={OPINION_MAX} required aria-describedby={`${id}-hint`} />
      </div>
      <button type="submit">{t('instruction.opinion.reply.submit')}</button>
    </form>
  );
}

function AskForm(p: Props) {
  const { t } = p.ctx.i18n;
  const { people, teams } = p.panel;
  if (people.length === 0 && teams.length === 0) return <p class="meta">{t('instruction.opinion.ask.nobody')}</p>;
  return (
    <form method="post" action={askOpinionPath(p.dossierId)} class="card">
      <CsrfField token={p.ctx.csrf} />
      <fieldset>
        <legend>{t('instruction.opinion.ask.title')}</legend>
        <div class="field">
          <label for="f-avis-qui">{t('instruction.opinion.ask.whom')}</label>
          <select id="f-avis-qui" name="qui" required>
            <option value="">{t('instruction.opinion.ask.choose')}</option>
            {people.length > 0 && (
              <optgroup label={t('instruction.opinion.ask.people')}>
                {people.map((u) => (
                  <option value={`u:${u.id}`}>{u.name}</option>
                ))}
              </optgroup>
            )}
            {teams.length > 0 && (
              <optgroup label={t('instruction.opinion.ask.teams')}>
                {teams.map((team) => (
                  <option value={`t:${team.id}`}>{team.name}</option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <div class="field">
          <label for="f-avis-question">{t('instruction.opinion.ask.question')}</label>
          <textarea id="f-avis-question" name="question" rows={4} maxLength={OPINION_MAX} required />
        </div>
        <div class="field">
          <label for="f-avis-echeance">{t('instruction.opinion.ask.due')}</label>
          <p class="hint" id="f-avis-echeance-hint">
            {t('instruction.opinion.ask.duehint')}
          </p>
          <input type="date" id="f-avis-echeance" name="echeance" min={localDay(p.now, p.ctx.i18n.timeZone)} required aria-describedby="f-avis-echeance-hint" />
        </div>
        <div class="choice">
          <input type="checkbox" id="f-avis-ouinon" name="ouinon" value="1" />
          <label for="f-avis-ouinon">{t('instruction.opinion.ask.yesno')}</label>
        </div>
      </fieldset>
      <button type="submit">{t('instruction.opinion.ask.submit')}</button>
    </form>
  );
}
