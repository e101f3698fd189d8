// The fiche of one procedure, in the eRegulations order: what, who, how, what to bring, cost, delay, where,
// on what legal basis, and how to complain.
import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { LANGUAGE_NAMES, isLocale } from '../../../platform/i18n/index.ts';
import type { Fiche } from '../store.ts';
import { Cost } from './parts.tsx';

export function FichePage({ ctx, fiche, preview }: { ctx: PageContext; fiche: Fiche; preview?: boolean }) {
  const { t } = ctx.i18n;
  const untranslated = fiche.titleLocale !== ctx.i18n.locale;
  return (
    <Layout
      ctx={ctx}
      title={fiche.title}
      description={fiche.summary}
      breadcrumb={[
        { href: '/', label: t('nav.home') },
        { href: `/demarches?categorie=${fiche.category}`, label: t(`category.${fiche.category as 'justice'}`) },
        { label: fiche.title },
      ]}
    >
      {preview && <Notice kind="warning">{t('admin.preview.banner')}</Notice>}
      {untranslated && isLocale(ctx.i18n.locale) && (
        <Notice>{t('fiche.untranslated', { language: LANGUAGE_NAMES[ctx.i18n.locale] })}</Notice>
      )}
      <article lang={fiche.titleLocale} class="fiche">
        <h1>{fiche.title}</h1>
        <p class="lead">{fiche.summary}</p>
        {fiche.audio && (
          <figure class="audio">
            <figcaption>{t('fiche.audio')}</figcaption>
            <audio controls preload="none" src={`/demarches/${fiche.slug}/audio/${fiche.audio.locale}`} />
          </figure>
        )}
        {fiche.onlineAvailable ? (
          <Notice kind="success">
            {t('fiche.online.yes')} {fiche.onlineUrl && <a class="button" href={fiche.onlineUrl}>{t('fiche.online.start')}</a>}
          </Notice>
        ) : (
          <Notice>{t('fiche.online.no')}</Notice>
        )}
        <h2>{t('fiche.essentials')}</h2>
        <dl class="facts">
          <dt>{t('fiche.cost')}</dt>
          <dd>
            <Cost ctx={ctx} costXof={fiche.costXof} />
            {fiche.costNote && <span class="note">{fiche.costNote}</span>}
          </dd>
          <dt>{t('fiche.delay')}</dt>
          <dd>
            {fiche.delayDays !== null ? t('fiche.delay.days', { days: fiche.delayDays }) : t('fiche.delay.unknown')}
            {fiche.delay && <span class="note">{fiche.delay}</span>}
          </dd>
          <dt>{t('fiche.administration')}</dt>
          <dd>{fiche.administrationName}</dd>
          <dt>{t('fiche.updated')}</dt>
          <dd>{ctx.i18n.date(fiche.updatedAt)}</dd>
        </dl>
        {fiche.who && <Section title={t('fiche.who')}><p>{fiche.who}</p></Section>}
        {fiche.steps.length > 0 && (
          <Section title={t('fiche.steps')}>
            <ol>{fiche.steps.map((s) => <li>{s}</li>)}</ol>
          </Section>
        )}
        {fiche.documents.length > 0 && (
          <Section title={t('fiche.documents')}>
            <ul>{fiche.documents.map((d) => <li>{d}</li>)}</ul>
          </Section>
        )}
        {fiche.servicePoints.length > 0 && (
          <Section title={t('fiche.where')}>
            <ul class="places">
              {fiche.servicePoints.map((sp) => (
                <li>
                  <strong>{sp.name}</strong>
                  <br />
                  {sp.address}, {sp.city}
                  {sp.hours && (
                    <>
                      <br />
                      {t('fiche.hours')} {sp.hours}
                    </>
                  )}
                  {sp.phone && (
                    <>
                      <br />
                      {t('fiche.phone')} <a href={`tel:${sp.phone.replace(/\s/g, '')}`}>{sp.phone}</a>
                    </>
                  )}
                  {sp.latitude !== null && sp.longitude !== null && (
                    <>
                      <br />
                      <a href={`https://www.openstreetmap.org/?mlat=${sp.latitude}&mlon=${sp.longitude}#map=17/${sp.latitude}/${sp.longitude}`}>
                        {t('fiche.map')}
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </Section>
        )}
        {fiche.legalBasis.length > 0 && (
          <Section title={t('fiche.legal')}>
            <ul>{fiche.legalBasis.map((l) => <li>{l}</li>)}</ul>
          </Section>
        )}
        {fiche.complaint && <Section title={t('fiche.complaint')}><p>{fiche.complaint}</p></Section>}
      </article>
    </Layout>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
