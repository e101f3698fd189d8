// « Consulter le casier » for a bulletin n°3 request: the applicant's declared identity, the registered persons
// alike to it (a single exact one is proposed, several are left to the clerk), the bulletin the rules give for
// the choice, its preview and the button that seals it and accepts the dossier.
import { Layout } from '../../../../platform/ui/layout.tsx';
import { CsrfField, Notice } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import type { Candidates, Choice, ClerkDossier } from '../dossier-flow.ts';
import { frenchDate, type Conviction } from '../model.ts';
import { dossierCasierPath, dossierIssuePath, dossierPreviewPath, personPath } from '../paths.ts';
import { EntriesTable, IdentityFacts } from './shared.tsx';

interface Props {
  ctx: PageContext;
  dossier: ClerkDossier;
  candidates: Candidates;
  /** The choice made (the bulletin is then shown), or undefined. */
  choice?: Choice;
  entries?: Conviction[];
  /** Why the last attempt to issue did nothing. */
  problem?: MessageKey;
  canIssue: boolean;
}

const choiceValue = (c: Choice) => (c === 'none' ? 'aucune' : c.personId);

export function DossierCasierPage(p: Props) {
  const { t } = p.ctx.i18n;
  const { dossier, candidates } = p;
  const proposed = candidates.outcome.kind === 'unique' ? candidates.outcome.match.person.id : undefined;
  const selected = p.choice ? choiceValue(p.choice) : proposed;
  return (
    <Layout
      ctx={p.ctx}
      title={`${t('casier.dossier.title')} · ${dossier.reference}`}
      breadcrumb={[{ href: '/agent', label: t('instruction.inbox.title') }, { href: `/agent/dossiers/${dossier.id}`, label: dossier.reference }, { label: t('casier.dossier.title') }]}
    >
      <h1>
        {t('casier.dossier.title')} <small>{dossier.reference}</small>
      </h1>
      {p.problem && <Notice kind="warning">{t(p.problem)}</Notice>}
      <h2>{t('casier.dossier.declared')}</h2>
      <IdentityFacts ctx={p.ctx} who={candidates.identity} />

      <h2>{t('casier.dossier.candidates')}</h2>
      {candidates.outcome.kind === 'none' && <Notice>{t('casier.dossier.nomatch')}</Notice>}
      {candidates.outcome.kind === 'unique' && <Notice>{t('casier.dossier.unique')}</Notice>}
      {candidates.outcome.kind === 'ambiguous' && <Notice kind="warning">{t('casier.dossier.ambiguous')}</Notice>}
      <form method="get" action={dossierCasierPath(dossier.id)} class="card">
        <fieldset>
          <legend>{t('casier.dossier.which')}</legend>
          {candidates.matches.map((m) => (
            <div class="choice">
              <input type="radio" id={`choix-${m.person.id}`} name="choix" value={m.person.id} checked={selected === m.person.id} />
              <label for={`choix-${m.person.id}`}>
                {t('casier.candidate.line', { name: `${m.person.surname.toUpperCase()} ${m.person.givenNames}`, date: frenchDate(m.person.birthDate), place: m.person.birthPlace, score: m.score })}
                {' · '}
                {t('casier.candidate.parents', { father: m.person.fatherName ?? '—', mother: m.person.motherName ?? '—' })}
                {' · '}
                {t(m.level === 'exact' ? 'casier.candidate.exact' : 'casier.candidate.plausible')} —{' '}
                <a href={personPath(m.person.id)}>{t('casier.candidate.open')}</a>
              </label>
            </div>
          ))}
          <div class="choice">
            <input type="radio" id="choix-aucune" name="choix" value="aucune" checked={selected === 'aucune' || (selected === undefined && candidates.matches.length === 0)} />
            <label for="choix-aucune">{t('casier.dossier.none')}</label>
          </div>
        </fieldset>
        <button type="submit">{t('casier.dossier.draw')}</button>
      </form>

      {p.choice && p.entries && (
        <section aria-labelledby="bulletin-title">
          <h2 id="bulletin-title">{t('casier.dossier.bulletin')}</h2>
          <EntriesTable ctx={p.ctx} bulletin={3} entries={p.entries} />
          <p>
            <a href={dossierPreviewPath(dossier.id, choiceValue(p.choice))}>{t('casier.dossier.preview')}</a>
          </p>
          {p.canIssue ? (
            <form method="post" action={dossierIssuePath(dossier.id)} class="card">
              <CsrfField token={p.ctx.csrf} />
              <input type="hidden" name="version" value={String(dossier.version)} />
              <input type="hidden" name="choix" value={choiceValue(p.choice)} />
              <p>{t('casier.dossier.issuehint')}</p>
              <button type="submit">{t('casier.dossier.issue')}</button>
            </form>
          ) : (
            <Notice>{t('casier.dossier.decided')}</Notice>
          )}
        </section>
      )}
    </Layout>
  );
}
