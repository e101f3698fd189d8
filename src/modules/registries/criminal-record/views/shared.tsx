// Pieces the registry's pages share: a person's identity and a bulletin's table (or « Néant »).
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import { entryRows } from '../bulletin.ts';
import { frenchDate, type Bulletin, type Conviction, type Identity } from '../model.ts';

export function IdentityFacts({ ctx, who }: { ctx: PageContext; who: Identity }) {
  const { t } = ctx.i18n;
  return (
    <dl class="facts">
      <dt>{t('casier.identity.surname')}</dt>
      <dd>{who.surname.toUpperCase()}</dd>
      <dt>{t('casier.identity.given')}</dt>
      <dd>{who.givenNames}</dd>
      <dt>{t('casier.identity.birth')}</dt>
      <dd>{t('casier.identity.birthvalue', { date: frenchDate(who.birthDate), place: who.birthPlace })}</dd>
      <dt>{t('casier.identity.father')}</dt>
      <dd>{who.fatherName ?? '—'}</dd>
      <dt>{t('casier.identity.mother')}</dt>
      <dd>{who.motherName ?? '—'}</dd>
      <dt>{t('casier.identity.nin')}</dt>
      <dd>{who.nin ?? '—'}</dd>
    </dl>
  );
}

/** The bulletin's entries as the PDF prints them (French, the legal language), or « Néant ». */
export function EntriesTable({ ctx, bulletin, entries }: { ctx: PageContext; bulletin: Bulletin; entries: Conviction[] }) {
  if (entries.length === 0) return <p class="nil">{ctx.i18n.t('casier.bulletin.nil')}</p>;
  const { head, rows } = entryRows(bulletin, entries);
  return (
    <table>
      <caption>{ctx.i18n.t('casier.bulletin.caption', { n: bulletin })}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col" lang="fr">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {r.map((cell) => (
              <td lang="fr">{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
