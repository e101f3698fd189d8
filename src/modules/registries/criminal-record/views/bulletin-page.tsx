// Bulletin n°1 of a person, for a judge: the whole record the rules keep, with the events written on each fiche.
import { Layout } from '../../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import { frenchDate, type Conviction, type Person } from '../model.ts';
import { REGISTRY } from '../paths.ts';
import { EntriesTable, IdentityFacts } from './shared.tsx';

export function Bulletin1Page(p: { ctx: PageContext; person: Person; entries: Conviction[]; day: string }) {
  const { t } = p.ctx.i18n;
  const name = `${p.person.surname.toUpperCase()} ${p.person.givenNames}`;
  return (
    <Layout ctx={p.ctx} title={`${t('casier.bulletin1.title')} · ${name}`} breadcrumb={[{ href: REGISTRY, label: t('casier.title') }, { label: t('casier.bulletin1.title') }]}>
      <h1>
        {t('casier.bulletin1.title')} <small>{name}</small>
      </h1>
      <p>{t('casier.bulletin1.lead', { date: frenchDate(p.day) })}</p>
      <IdentityFacts ctx={p.ctx} who={p.person} />
      <h2>{t('casier.bulletin.entries')}</h2>
      <EntriesTable ctx={p.ctx} bulletin={1} entries={p.entries} />
    </Layout>
  );
}
