// The health-centre agent's form: a birth at the facility, declared for the parents, who get a link by SMS to
// check and file it; then the confirmation with that link.
import { Layout } from '../../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, Notice, Select } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { AssistedForm, AssistedProblem, HealthFacility } from '../assisted.ts';
import { ASSISTED_PATH } from '../paths.ts';

export function AssistedPage(p: { ctx: PageContext; facilities: HealthFacility[]; form: AssistedForm; problems?: Partial<Record<keyof AssistedForm, AssistedProblem>>; link?: string }) {
  const { t } = p.ctx.i18n;
  const problems = p.problems ?? {};
  const error = (name: keyof AssistedForm) => (problems[name] ? t(problems[name]!) : undefined);
  const field = (name: keyof AssistedForm, extra: { hint?: string; maxLength?: number; inputmode?: 'numeric' | 'tel'; type?: 'tel' } = {}) => (
    <Field name={name} label={t(`civil.assisted.field.${name}` as 'civil.assisted.field.nom_enfant')} value={p.form[name]} error={error(name)} {...extra} />
  );
  const errors = Object.entries(problems).map(([field, key]) => ({ field, message: t(key!) }));
  return (
    <Layout ctx={p.ctx} title={t('civil.assisted.title')} breadcrumb={[{ href: '/agent', label: t('instruction.inbox.title') }, { label: t('civil.assisted.title') }]}>
      <h1>{t('civil.assisted.title')}</h1>
      {p.link && (
        <Notice kind="success">
          <p>{t('civil.assisted.done')}</p>
          <p>
            <code>{p.link}</code>
          </p>
        </Notice>
      )}
      <ErrorSummary title={t('civil.assisted.errors')} errors={errors} />
      <p>{t('civil.assisted.lead')}</p>
      <form method="post" action={ASSISTED_PATH} class="card">
        <CsrfField token={p.ctx.csrf} />
        {p.facilities.length > 1 ? (
          <Select name="etablissement" label={t('civil.assisted.field.etablissement')} value={p.form.etablissement} options={p.facilities.map((f) => ({ value: f.administrationId, label: f.name }))} />
        ) : (
          <input type="hidden" name="etablissement" value={p.facilities[0]!.administrationId} />
        )}
        <h2>{t('civil.act.child')}</h2>
        {field('nom_enfant', { maxLength: 80 })}
        {field('prenoms_enfant', { maxLength: 120 })}
        <Select
          name="sexe"
          label={t('civil.assisted.field.sexe')}
          value={p.form.sexe}
          error={error('sexe')}
          options={[
            { value: '', label: t('dossiers.field.choose') },
            { value: 'f', label: t('civil.sex.f') },
            { value: 'm', label: t('civil.sex.m') },
          ]}
        />
        {field('date', { hint: t('civil.search.birthdatehint'), maxLength: 10 })}
        {field('heure', { hint: t('civil.assisted.hourhint'), maxLength: 5 })}
        <h2>{t('civil.assisted.parents')}</h2>
        {field('nom_mere', { maxLength: 80 })}
        {field('prenoms_mere', { maxLength: 120 })}
        {field('nom_pere', { hint: t('civil.assisted.fatherhint'), maxLength: 80 })}
        {field('prenoms_pere', { maxLength: 120 })}
        {field('telephone', { hint: t('civil.assisted.phonehint'), maxLength: 20, type: 'tel', inputmode: 'tel' })}
        <button type="submit">{t('civil.assisted.submit')}</button>
      </form>
    </Layout>
  );
}
