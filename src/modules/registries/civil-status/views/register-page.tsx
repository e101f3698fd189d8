// The officer's register: which communes he keeps, and a search of their acts (by number and year, or by the
// child's names and birth date).
import { Layout } from '../../../../platform/ui/layout.tsx';
import { Field, Notice, Select } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { Register } from '../registers.ts';
import type { BirthAct } from '../store.ts';
import { ActTable } from './act-facts.tsx';
import { ASSISTED_PATH, CIVIL_HOME } from '../paths.ts';

export interface SearchForm {
  registre: string;
  numero: string;
  annee: string;
  nom: string;
  prenoms: string;
  naissance: string;
}

export function RegisterPage(p: { ctx: PageContext; registers: Register[]; form: SearchForm; results?: BirthAct[]; vague?: boolean; assisted?: boolean }) {
  const { t } = p.ctx.i18n;
  return (
    <Layout ctx={p.ctx} title={t('civil.home.title')} breadcrumb={[{ href: '/agent', label: t('instruction.inbox.title') }, { label: t('civil.home.title') }]}>
      <h1>{t('civil.home.title')}</h1>
      <p>{t('civil.home.lead', { centres: p.registers.map((r) => r.centreName).join(', ') })}</p>
      {p.assisted && (
        <p>
          <a href={ASSISTED_PATH}>{t('civil.link.assisted')}</a>
        </p>
      )}
      <form method="get" action={CIVIL_HOME} class="card">
        <h2>{t('civil.search.title')}</h2>
        {p.registers.length > 1 && (
          <Select name="registre" label={t('civil.search.register')} value={p.form.registre} options={p.registers.map((r) => ({ value: r.id, label: r.centreName }))} />
        )}
        {p.registers.length === 1 && <input type="hidden" name="registre" value={p.registers[0]!.id} />}
        <p class="hint">{t('civil.search.hint')}</p>
        <Field name="numero" label={t('civil.search.number')} value={p.form.numero} inputmode="numeric" maxLength={6} />
        <Field name="annee" label={t('civil.search.year')} value={p.form.annee} inputmode="numeric" maxLength={4} />
        <Field name="nom" label={t('civil.search.surname')} value={p.form.nom} maxLength={80} />
        <Field name="prenoms" label={t('civil.search.givennames')} value={p.form.prenoms} maxLength={120} />
        <Field name="naissance" label={t('civil.search.birthdate')} hint={t('civil.search.birthdatehint')} value={p.form.naissance} maxLength={10} />
        <button type="submit">{t('civil.search.submit')}</button>
      </form>
      {p.vague && <Notice kind="warning">{t('civil.search.vague')}</Notice>}
      {p.results && (p.results.length > 0 ? <ActTable ctx={p.ctx} acts={p.results} /> : <p>{t('civil.search.none')}</p>)}
    </Layout>
  );
}
