// A registered person as the clerk sees him: identity, every fiche with its events, on which bulletin each fiche
// appears today and by which rule, and a form to write an event on a fiche.
import { Layout } from '../../../../platform/ui/layout.tsx';
import { CsrfField, Notice, ErrorSummary } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { sentenceText } from '../bulletin.ts';
import type { Verdict } from '../engine.ts';
import type { Errors, Values } from '../form.ts';
import { EVENT_KINDS, frenchDate, type Bulletin, type Conviction, type Person } from '../model.ts';
import { bulletin1Path, eventPath, newConvictionFor, REGISTRY } from '../paths.ts';
import { IdentityFacts } from './shared.tsx';

interface Props {
  ctx: PageContext;
  person: Person;
  convictions: Conviction[];
  verdicts: Record<Bulletin, Map<string, Verdict>>;
  saved?: boolean;
  /** The event form that was refused, with its fiche. */
  eventForm?: { convictionId: string; values: Values; errors: Errors };
}

export function PersonPage(p: Props) {
  const { t } = p.ctx.i18n;
  const name = `${p.person.surname.toUpperCase()} ${p.person.givenNames}`;
  return (
    <Layout ctx={p.ctx} title={name} breadcrumb={[{ href: REGISTRY, label: t('casier.title') }, { label: name }]}>
      {p.saved && <Notice kind="success">{t('casier.saved')}</Notice>}
      <h1>{name}</h1>
      <IdentityFacts ctx={p.ctx} who={p.person} />
      <p>
        <a href={newConvictionFor(p.person.id)} class="button">
          {t('casier.person.addconviction')}
        </a>{' '}
        <a href={bulletin1Path(p.person.id)}>{t('casier.person.bulletin1')}</a>
      </p>
      <h2>{t('casier.person.convictions', { count: p.convictions.length })}</h2>
      {p.convictions.length === 0 && <p>{t('casier.person.none')}</p>}
      {p.convictions.map((c) => (
        <ConvictionCard {...p} c={c} />
      ))}
    </Layout>
  );
}

function ConvictionCard(p: Props & { c: Conviction }) {
  const { t } = p.ctx.i18n;
  const { c } = p;
  const form = p.eventForm?.convictionId === c.id ? p.eventForm : undefined;
  return (
    <section class="card" aria-labelledby={`c-${c.id}`}>
      <h3 id={`c-${c.id}`}>
        {frenchDate(c.decisionDate)} — {c.offenceLabel}
      </h3>
      <dl class="facts">
        <dt>{t('casier.field.court')}</dt>
        <dd>
          {c.courtName}
          {c.decisionReference ? ` (${c.decisionReference})` : ''}
        </dd>
        <dt>{t('casier.field.category')}</dt>
        <dd>{t(`casier.category.${c.category}` as MessageKey)}</dd>
        {c.offenceDate && (
          <>
            <dt>{t('casier.field.offencedate')}</dt>
            <dd>{frenchDate(c.offenceDate)}</dd>
          </>
        )}
        <dt>{t('casier.new.sentence')}</dt>
        <dd lang="fr">{sentenceText(c)}</dd>
        {c.b3Ordered && (
          <>
            <dt>{t('casier.field.b3')}</dt>
            <dd>{t('forms.yes')}</dd>
          </>
        )}
      </dl>
      <h4>{t('casier.person.bulletins')}</h4>
      <ul>
        {([1, 2, 3] as Bulletin[]).map((b) => {
          const v = p.verdicts[b].get(c.id)!;
          return (
            <li>
              {t(v.shown ? 'casier.person.on' : 'casier.person.off', { n: b })}
              {v.rule && !v.inherited ? <span lang="fr"> — {v.rule.why}</span> : ''}
            </li>
          );
        })}
      </ul>
      <h4>{t('casier.person.events')}</h4>
      {c.events.length === 0 ? (
        <p>{t('casier.person.noevents')}</p>
      ) : (
        <ul>
          {c.events.map((ev) => (
            <li>
              {frenchDate(ev.date)} — {t(`casier.event.${ev.kind}` as MessageKey)}
              {ev.note ? ` (${ev.note})` : ''}
            </li>
          ))}
        </ul>
      )}
      <details open={!!form}>
        <summary>{t('casier.event.add')}</summary>
        <form method="post" action={eventPath(c.id)}>
          <CsrfField token={p.ctx.csrf} />
          {form && <ErrorSummary title={t('form.errors')} errors={Object.entries(form.errors).map(([field, key]) => ({ field: `${field}-${c.id}`, message: t(key) }))} />}
          <EventFields {...p} c={c} form={form} />
          <button type="submit">{t('casier.event.submit')}</button>
        </form>
      </details>
    </section>
  );
}

/** The event form's fields; ids carry the fiche's id, since every fiche of the page has its own form. */
function EventFields(p: { ctx: PageContext; c: Conviction; form?: { values: Values; errors: Errors } }) {
  const { t } = p.ctx.i18n;
  const id = (name: string) => `f-${name}-${p.c.id}`;
  const error = (name: string) =>
    p.form?.errors[name] ? (
      <p class="error" id={`${id(name)}-error`}>
        {t(p.form.errors[name])}
      </p>
    ) : null;
  const described = (name: string, hint?: boolean) => [hint && `${id(name)}-hint`, p.form?.errors[name] && `${id(name)}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <div class={p.form?.errors.evenement ? 'field invalid' : 'field'}>
        <label for={id('evenement')}>{t('casier.event.kind')}</label>
        {error('evenement')}
        <select id={id('evenement')} name="evenement" aria-describedby={described('evenement')}>
          <option value="">{t('casier.field.choose')}</option>
          {EVENT_KINDS.map((k) => (
            <option value={k} selected={p.form?.values.evenement === k}>
              {t(`casier.event.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div class={p.form?.errors.date_evenement ? 'field invalid' : 'field'}>
        <label for={id('date_evenement')}>{t('casier.event.date')}</label>
        <p class="hint" id={`${id('date_evenement')}-hint`}>
          {t('casier.date.hint')}
        </p>
        {error('date_evenement')}
        <input id={id('date_evenement')} name="date_evenement" value={p.form?.values.date_evenement ?? ''} maxLength={10} aria-describedby={described('date_evenement', true)} />
      </div>
      <div class={p.form?.errors.note ? 'field invalid' : 'field'}>
        <label for={id('note')}>{t('casier.event.note')}</label>
        {error('note')}
        <input id={id('note')} name="note" value={p.form?.values.note ?? ''} maxLength={500} aria-describedby={described('note')} />
      </div>
    </>
  );
}
