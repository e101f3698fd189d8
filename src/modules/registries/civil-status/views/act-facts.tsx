// An act's facts as the officer reads them on screen, in the reader's language around the act's own words.
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { BirthActParent } from '../../../../platform/db/schema.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import type { BirthAct, Mention } from '../store.ts';
import { actNumber } from '../numbering.ts';
import { actPath } from '../paths.ts';

const name = (p: BirthActParent | null) => (p ? `${p.givenNames} ${p.surname}` : '—');

export function ActFacts({ ctx, act, centre }: { ctx: PageContext; act: BirthAct; centre: string }) {
  const { t, dateTime } = ctx.i18n;
  return (
    <dl class="facts">
      <dt>{t('civil.act.number')}</dt>
      <dd>{actNumber(act.year, act.number)}</dd>
      <dt>{t('civil.act.centre')}</dt>
      <dd>{centre}</dd>
      <dt>{t('civil.act.child')}</dt>
      <dd>{`${act.childGivenNames} ${act.childSurname}`}</dd>
      <dt>{t('civil.act.sex')}</dt>
      <dd>{t(act.sex === 'f' ? 'civil.sex.f' : 'civil.sex.m')}</dd>
      <dt>{t('civil.act.born')}</dt>
      <dd>{`${dateTime(act.bornAt)} — ${act.birthPlace}`}</dd>
      <dt>{t('civil.act.father')}</dt>
      <dd>{name(act.father)}</dd>
      <dt>{t('civil.act.mother')}</dt>
      <dd>{name(act.mother)}</dd>
      <dt>{t('civil.act.declarant')}</dt>
      <dd>{`${act.declarant} — ${dateTime(act.declaredAt)}`}</dd>
      <dt>{t('civil.act.registered')}</dt>
      <dd>{`${dateTime(act.registeredAt)} — ${act.officerName}`}</dd>
    </dl>
  );
}

export function MentionList({ ctx, mentions }: { ctx: PageContext; mentions: Mention[] }) {
  const { t } = ctx.i18n;
  if (mentions.length === 0) return <p>{t('civil.mention.none')}</p>;
  return (
    <ul>
      {mentions.map((m) => (
        <li>
          <strong>{t(`civil.mention.kind.${m.kind}` as MessageKey)}</strong>
          {` — ${ctx.i18n.date(new Date(`${m.date}T12:00:00Z`))} : ${m.text} (${m.authority})`}
        </li>
      ))}
    </ul>
  );
}

/** Acts found by a search, each linked to its page. */
/** `pick` names a radio button per row (choosing the act); `preview` links each act's preview PDF. */
export function ActTable({ ctx, acts, pick, preview }: { ctx: PageContext; acts: BirthAct[]; pick?: string; preview?: (act: BirthAct) => string }) {
  const { t } = ctx.i18n;
  return (
    <table class="table">
      <caption>{t('civil.search.results', { count: acts.length })}</caption>
      <thead>
        <tr>
          {pick && <th scope="col">{t('civil.extract.choose')}</th>}
          <th scope="col">{t('civil.act.number')}</th>
          <th scope="col">{t('civil.act.child')}</th>
          <th scope="col">{t('civil.act.born')}</th>
          <th scope="col">{t('civil.act.mother')}</th>
          {preview && <th scope="col">{t('civil.extract.preview')}</th>}
        </tr>
      </thead>
      <tbody>
        {acts.map((a, i) => (
          <tr>
            {pick && (
              <td>
                <input type="radio" id={`acte-${a.id}`} name={pick} value={a.id} checked={i === 0} aria-label={actNumber(a.year, a.number)} />
              </td>
            )}
            <td>
              <a href={actPath(a.id)}>{actNumber(a.year, a.number)}</a>
            </td>
            <td>{`${a.childGivenNames} ${a.childSurname}`}</td>
            <td>{ctx.i18n.date(new Date(`${a.birthDate}T12:00:00Z`))}</td>
            <td>{name(a.mother)}</td>
            {preview && (
              <td>
                <a href={preview(a)}>{t('civil.extract.previewof', { number: actNumber(a.year, a.number) })}</a>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
