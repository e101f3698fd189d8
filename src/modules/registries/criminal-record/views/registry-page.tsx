// /agent/casier: search the registry by names and/or birth date; clerks also register a conviction from here.
import { Layout } from '../../../../platform/ui/layout.tsx';
import { Field, Notice } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import { frenchDate, type Person } from '../model.ts';
import { bulletin1Path, NEW_CONVICTION, personPath, REGISTRY } from '../paths.ts';

interface Props {
  ctx: PageContext;
  clerk: boolean;
  q: string;
  birthDate: string;
  searched: boolean;
  results: Person[];
  dateError?: boolean;
}

export function RegistryPage(p: Props) {
  const { t } = p.ctx.i18n;
  return (
    <Layout ctx={p.ctx} title={t('casier.title')} breadcrumb={[{ href: '/agent', label: t('instruction.inbox.title') }, { label: t('casier.title') }]}>
      <h1>{t('casier.title')}</h1>
      <p>{t(p.clerk ? 'casier.lead.clerk' : 'casier.lead.judge')}</p>
      {p.clerk && (
        <p>
          <a href={NEW_CONVICTION} class="button">
            {t('casier.new.link')}
          </a>
        </p>
      )}
      <form method="get" action={REGISTRY} class="card" role="search">
        <Field name="q" label={t('casier.search.q')} hint={t('casier.search.qhint')} value={p.q} maxLength={200} />
        <Field name="naissance" label={t('casier.search.birth')} hint={t('casier.date.hint')} value={p.birthDate} maxLength={10} error={p.dateError ? t('casier.error.date') : undefined} />
        <button type="submit">{t('casier.search.submit')}</button>
      </form>
      {p.searched &&
        (p.results.length === 0 ? (
          <Notice>{t('casier.search.none')}</Notice>
        ) : (
          <table>
            <caption>{t('casier.search.caption', { count: p.results.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('casier.identity.name')}</th>
                <th scope="col">{t('casier.identity.birth')}</th>
                <th scope="col">{t('casier.identity.parents')}</th>
              </tr>
            </thead>
            <tbody>
              {p.results.map((r) => (
                <tr>
                  <td>
                    <a href={p.clerk ? personPath(r.id) : bulletin1Path(r.id)}>
                      {r.surname.toUpperCase()} {r.givenNames}
                    </a>
                  </td>
                  <td>{t('casier.identity.birthvalue', { date: frenchDate(r.birthDate), place: r.birthPlace })}</td>
                  <td>{[r.fatherName, r.motherName].filter(Boolean).join(' · ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Layout>
  );
}
