// A civil-status dossier as the commune's officer processes it. A declaration: the facts the act will record,
// what is wrong with them if anything, and the registration. An extract request: the act searched from the
// request's answers (or the officer's own search), a preview, and the issue of the sealed extract.
import { Layout } from '../../../../platform/ui/layout.tsx';
import { CsrfField, Field, Notice } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { canTake, StatusTag } from '../../../dossiers/index.ts';
import type { CivilDossier, SearchCriteria } from '../service.ts';
import type { BirthFacts, DeclarationProblem } from '../declaration.ts';
import type { BirthAct } from '../store.ts';
import { actNumber } from '../numbering.ts';
import { actPath, CIVIL_HOME, civilDossierPath, extractPath, previewPath, registrationPath } from '../paths.ts';
import { ActTable } from './act-facts.tsx';

export type CivilFlash = { kind: 'success' | 'warning'; key: MessageKey; params?: Record<string, string> };

interface Common {
  ctx: PageContext;
  cd: CivilDossier;
  flash?: CivilFlash;
}

function Frame(p: Common & { children: preact.ComponentChildren }) {
  const { t } = p.ctx.i18n;
  const title = t(p.cd.kind === 'declaration' ? 'civil.dossier.declaration' : 'civil.dossier.extract');
  return (
    <Layout ctx={p.ctx} title={`${p.cd.reference} · ${title}`} breadcrumb={[{ href: CIVIL_HOME, label: t('civil.home.title') }, { label: p.cd.reference }]}>
      {p.flash && <Notice kind={p.flash.kind}>{t(p.flash.key, p.flash.params)}</Notice>}
      <h1>
        {p.cd.reference} <small>{title}</small>
      </h1>
      <dl class="facts">
        <dt>{t('instruction.col.status')}</dt>
        <dd>
          <StatusTag i18n={p.ctx.i18n} status={p.cd.status} />
        </dd>
        <dt>{t('civil.act.centre')}</dt>
        <dd>{p.cd.register.centreName}</dd>
        <dt>{t('instruction.col.applicant')}</dt>
        <dd>{p.cd.applicantName ?? '—'}</dd>
        <dt>{t('instruction.col.submitted')}</dt>
        <dd>{p.ctx.i18n.dateTime(p.cd.submittedAt)}</dd>
      </dl>
      <p>
        <a href={`/agent/dossiers/${p.cd.id}`}>{t('civil.dossier.full')}</a>
      </p>
      {p.children}
    </Layout>
  );
}

const version = (cd: CivilDossier) => <input type="hidden" name="version" value={String(cd.version)} />;

export function DeclarationPage(p: Common & { act?: BirthAct; facts?: BirthFacts; problems: DeclarationProblem[] }) {
  const { t, dateTime } = p.ctx.i18n;
  const f = p.facts;
  return (
    <Frame {...p}>
      {p.act && (
        <Notice kind="success">
          {t('civil.registration.done', { number: actNumber(p.act.year, p.act.number) })} <a href={actPath(p.act.id)}>{t('civil.registration.seeact')}</a>
        </Notice>
      )}
      {!p.act && p.problems.length > 0 && (
        <div class="notice warning" role="alert">
          <p>{t('civil.registration.problems')}</p>
          <ul>
            {p.problems.map((k) => (
              <li>{t(k)}</li>
            ))}
          </ul>
          <p>{t('civil.registration.problemshint')}</p>
        </div>
      )}
      {!p.act && f && (
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">{t('civil.registration.facts')}</h2>
          <dl class="facts">
            <dt>{t('civil.act.child')}</dt>
            <dd>{`${f.childGivenNames} ${f.childSurname}`}</dd>
            <dt>{t('civil.act.sex')}</dt>
            <dd>{t(f.sex === 'f' ? 'civil.sex.f' : 'civil.sex.m')}</dd>
            <dt>{t('civil.act.born')}</dt>
            <dd>{`${dateTime(f.bornAt)} — ${f.birthPlace}`}</dd>
            <dt>{t('civil.act.father')}</dt>
            <dd>{f.father ? `${f.father.givenNames} ${f.father.surname}` : '—'}</dd>
            <dt>{t('civil.act.mother')}</dt>
            <dd>{`${f.mother.givenNames} ${f.mother.surname}`}</dd>
            <dt>{t('civil.act.declarant')}</dt>
            <dd>{f.declarant}</dd>
          </dl>
          {canTake('accept', p.cd.status) ? (
            <form method="post" action={registrationPath(p.cd.id)} class="card">
              <CsrfField token={p.ctx.csrf} />
              {version(p.cd)}
              <p>{t('civil.registration.confirm', { centre: p.cd.register.centreName })}</p>
              <button type="submit">{t('civil.registration.submit')}</button>
            </form>
          ) : (
            <p>{t('civil.dossier.decided')}</p>
          )}
        </section>
      )}
    </Frame>
  );
}

export function ExtractPage(p: Common & { criteria: SearchCriteria; candidates: BirthAct[] }) {
  const { t } = p.ctx.i18n;
  const a = p.cd.answers;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const c = p.criteria;
  return (
    <Frame {...p}>
      <h2>{t('civil.extract.request')}</h2>
      <dl class="facts">
        <dt>{t('civil.act.child')}</dt>
        <dd>{`${str(a.prenoms)} ${str(a.nom)}`}</dd>
        <dt>{t('civil.search.birthdate')}</dt>
        <dd>{str(a.date_naissance)}</dd>
        <dt>{t('civil.act.mother')}</dt>
        <dd>{str(a.nom_mere) || '—'}</dd>
        <dt>{t('civil.act.father')}</dt>
        <dd>{str(a.nom_pere) || '—'}</dd>
        <dt>{t('civil.act.number')}</dt>
        <dd>{a.connait_references === true ? `${str(a.annee_acte)}/${str(a.numero_acte)}` : t('civil.extract.nonumber')}</dd>
        <dt>{t('civil.extract.type')}</dt>
        <dd>{t(a.type_document === 'copie_integrale' ? 'civil.extract.full' : 'civil.extract.short')}</dd>
        <dt>{t('civil.extract.copies')}</dt>
        <dd>{str(a.nombre_copies) || '1'}</dd>
      </dl>
      <h2>{t('civil.extract.found')}</h2>
      {p.candidates.length === 0 ? (
        <Notice kind="warning">{t('civil.extract.nothing')}</Notice>
      ) : canTake('accept', p.cd.status) ? (
        <form method="post" action={extractPath(p.cd.id)} class="card">
          <CsrfField token={p.ctx.csrf} />
          {version(p.cd)}
          <ActTable ctx={p.ctx} acts={p.candidates} pick="acte" preview={(act) => previewPath(p.cd.id, act.id)} />
          <p class="hint">{t('civil.extract.check')}</p>
          <button type="submit">{t('civil.extract.issue')}</button>
        </form>
      ) : (
        <>
          <ActTable ctx={p.ctx} acts={p.candidates} />
          <p>{t('civil.dossier.decided')}</p>
        </>
      )}
      <details>
        <summary>{t('civil.extract.othersearch')}</summary>
        <form method="get" action={civilDossierPath(p.cd.id)} class="card">
          <Field name="numero" label={t('civil.search.number')} value={c.number !== undefined ? String(c.number) : ''} inputmode="numeric" maxLength={6} />
          <Field name="annee" label={t('civil.search.year')} value={c.year !== undefined ? String(c.year) : ''} inputmode="numeric" maxLength={4} />
          <Field name="nom" label={t('civil.search.surname')} value={c.surname ?? ''} maxLength={80} />
          <Field name="prenoms" label={t('civil.search.givennames')} value={c.givenNames ?? ''} maxLength={120} />
          <Field name="naissance" label={t('civil.search.birthdate')} hint={t('civil.search.birthdatehint')} value={c.birthDate ?? ''} maxLength={10} />
          <button type="submit">{t('civil.search.submit')}</button>
        </form>
      </details>
    </Frame>
  );
}
