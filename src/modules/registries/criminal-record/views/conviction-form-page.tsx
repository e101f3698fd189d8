// Registering a conviction: the person (a registered one, or a new identity), the decision, the offence and the
// sentence. When the new identity is alike to registered persons, the page comes back with them listed and the
// clerk says which one it is, or that it is someone new.
import { Layout } from '../../../../platform/ui/layout.tsx';
import { Checkbox, CsrfField, ErrorSummary, Field, Notice, Select } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import type { Errors, Values } from '../form.ts';
import type { Match } from '../matching.ts';
import { CATEGORIES, frenchDate, type Person } from '../model.ts';
import { CONVICTIONS, personPath, REGISTRY } from '../paths.ts';
import { IdentityFacts } from './shared.tsx';

interface Props {
  ctx: PageContext;
  person?: Person;
  values: Values;
  errors: Errors;
  homonyms?: Match[];
}

const ORDER = ['choix', 'nom', 'prenoms', 'date_naissance', 'lieu_naissance', 'pere', 'mere', 'nin', 'juridiction', 'reference_decision', 'date_decision', 'date_faits', 'infraction', 'categorie', 'prison_mois', 'sursis_mois', 'amende', 'autre_peine', 'autre_peine_mois'];

export function ConvictionFormPage(p: Props) {
  const { t } = p.ctx.i18n;
  const v = (name: string) => p.values[name] ?? '';
  const e = (name: string) => (p.errors[name] ? t(p.errors[name]) : undefined);
  const summary = ORDER.filter((f) => p.errors[f]).map((f) => ({ field: f, message: t(p.errors[f] as MessageKey) }));
  return (
    <Layout ctx={p.ctx} title={t('casier.new.title')} breadcrumb={[{ href: REGISTRY, label: t('casier.title') }, { label: t('casier.new.title') }]}>
      <h1>{t('casier.new.title')}</h1>
      <ErrorSummary title={t('form.errors')} errors={summary} />
      <form method="post" action={CONVICTIONS} class="card" novalidate>
        <CsrfField token={p.ctx.csrf} />
        {p.person ? (
          <section>
            <h2>{t('casier.new.person')}</h2>
            <input type="hidden" name="personne" value={p.person.id} />
            <IdentityFacts ctx={p.ctx} who={p.person} />
          </section>
        ) : (
          <fieldset>
            <legend>{t('casier.new.person')}</legend>
            {p.homonyms && p.homonyms.length > 0 && (
              <div class="card" id="f-choix">
                <Notice kind="warning">{t('casier.new.homonyms')}</Notice>
                <fieldset>
                  <legend>{t('casier.new.which')}</legend>
                  {p.homonyms.map((m) => (
                    <div class="choice">
                      <input type="radio" id={`choix-${m.person.id}`} name="choix" value={m.person.id} />
                      <label for={`choix-${m.person.id}`}>
                        {t('casier.candidate.line', { name: `${m.person.surname.toUpperCase()} ${m.person.givenNames}`, date: frenchDate(m.person.birthDate), place: m.person.birthPlace, score: m.score })} —{' '}
                        <a href={personPath(m.person.id)}>{t('casier.candidate.open')}</a>
                      </label>
                    </div>
                  ))}
                  <div class="choice">
                    <input type="radio" id="choix-nouvelle" name="choix" value="nouvelle" />
                    <label for="choix-nouvelle">{t('casier.new.someoneelse')}</label>
                  </div>
                </fieldset>
              </div>
            )}
            <Field name="nom" label={t('casier.identity.surname')} value={v('nom')} error={e('nom')} maxLength={80} />
            <Field name="prenoms" label={t('casier.identity.given')} value={v('prenoms')} error={e('prenoms')} maxLength={120} />
            <Field name="date_naissance" label={t('casier.identity.birthdate')} hint={t('casier.date.hint')} value={v('date_naissance')} error={e('date_naissance')} maxLength={10} />
            <Field name="lieu_naissance" label={t('casier.identity.birthplace')} value={v('lieu_naissance')} error={e('lieu_naissance')} maxLength={100} />
            <Field name="pere" label={t('casier.identity.father')} value={v('pere')} error={e('pere')} maxLength={150} />
            <Field name="mere" label={t('casier.identity.mother')} value={v('mere')} error={e('mere')} maxLength={150} />
            <Field name="nin" label={t('casier.identity.nin')} hint={t('casier.identity.ninhint')} value={v('nin')} error={e('nin')} maxLength={30} />
          </fieldset>
        )}
        <fieldset>
          <legend>{t('casier.new.decision')}</legend>
          <Field name="juridiction" label={t('casier.field.court')} hint={t('casier.field.courthint')} value={v('juridiction')} error={e('juridiction')} maxLength={150} />
          <Field name="reference_decision" label={t('casier.field.reference')} value={v('reference_decision')} error={e('reference_decision')} maxLength={60} />
          <Field name="date_decision" label={t('casier.field.decisiondate')} hint={t('casier.date.hint')} value={v('date_decision')} error={e('date_decision')} maxLength={10} />
          <Field name="date_faits" label={t('casier.field.offencedate')} hint={t('casier.field.offencedatehint')} value={v('date_faits')} error={e('date_faits')} maxLength={10} />
          <Field name="infraction" label={t('casier.field.offence')} value={v('infraction')} error={e('infraction')} maxLength={200} />
          <Select
            name="categorie"
            label={t('casier.field.category')}
            value={v('categorie')}
            error={e('categorie')}
            options={[{ value: '', label: t('casier.field.choose') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`casier.category.${c}` as MessageKey) }))]}
          />
        </fieldset>
        <fieldset>
          <legend>{t('casier.new.sentence')}</legend>
          <p class="hint">{t('casier.new.sentencehint')}</p>
          <Field name="prison_mois" label={t('casier.field.prison')} hint={t('casier.field.monthshint')} value={v('prison_mois')} error={e('prison_mois')} inputmode="numeric" maxLength={4} />
          <Field name="sursis_mois" label={t('casier.field.suspended')} hint={t('casier.field.suspendedhint')} value={v('sursis_mois')} error={e('sursis_mois')} inputmode="numeric" maxLength={4} />
          <Field name="amende" label={t('casier.field.fine')} value={v('amende')} error={e('amende')} inputmode="numeric" maxLength={13} />
          <Checkbox name="amende_sursis" label={t('casier.field.finesuspended')} checked={v('amende_sursis') === 'on'} />
          <Field name="autre_peine" label={t('casier.field.other')} hint={t('casier.field.otherhint')} value={v('autre_peine')} error={e('autre_peine')} maxLength={200} />
          <Field name="autre_peine_mois" label={t('casier.field.othermonths')} hint={t('casier.field.othermonthshint')} value={v('autre_peine_mois')} error={e('autre_peine_mois')} inputmode="numeric" maxLength={4} />
          <Checkbox name="mention_b3" label={t('casier.field.b3')} checked={v('mention_b3') === 'on'} />
        </fieldset>
        <button type="submit">{t('casier.new.submit')}</button>
      </form>
    </Layout>
  );
}
