// A dossier as an expert reads it: what it is, the requests made to him (with the form to answer), the
// answers and their files. No timeline, no messages with the applicant, no action: he was asked for an
// opinion, not given the dossier.
import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { Country } from '../../forms/index.ts';
import { DossierAnswers, StatusTag } from '../../dossiers/index.ts';
import type { AgentView } from '../service.ts';
import type { OpinionPanel } from '../opinions.ts';
import { agentFilePath } from '../paths.ts';
import { OPINIONS } from '../opinions-paths.ts';
import type { Flash } from './dossier-page.tsx';
import { OpinionSection } from './opinion-section.tsx';

interface Props {
  ctx: PageContext;
  view: AgentView;
  panel: OpinionPanel;
  country: Country;
  now: Date;
  flash?: Flash;
}

export function ExpertDossierPage(p: Props) {
  const { t } = p.ctx.i18n;
  const { dossier, open } = p.view;
  return (
    <Layout ctx={p.ctx} title={`${dossier.reference} · ${open.procedure.title}`} breadcrumb={[{ href: OPINIONS, label: t('instruction.opinion.list.title') }, { label: dossier.reference }]}>
      {p.flash && <Notice kind={p.flash.kind}>{t(p.flash.key)}</Notice>}
      <h1>
        {dossier.reference} <small>{open.procedure.title}</small>
      </h1>
      <Notice>{t('instruction.opinion.expert.notice')}</Notice>
      <dl class="facts">
        <dt>{t('instruction.col.status')}</dt>
        <dd>
          <StatusTag i18n={p.ctx.i18n} status={dossier.status} />
        </dd>
        <dt>{t('instruction.col.submitted')}</dt>
        <dd>{p.ctx.i18n.dateTime(dossier.submittedAt)}</dd>
        <dt>{t('instruction.col.team')}</dt>
        <dd>{dossier.teamName ?? t('instruction.dossier.noteam')}</dd>
      </dl>
      <OpinionSection ctx={p.ctx} dossierId={dossier.id} panel={p.panel} now={p.now} />
      <h2>{t('dossiers.answers.title')}</h2>
      <DossierAnswers ctx={p.ctx} open={open} country={p.country} headingLevel={3} fileHref={(ref) => agentFilePath(dossier.id, ref.id)} />
    </Layout>
  );
}
