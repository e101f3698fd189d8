// A dossier as an agent processes it: who filed what and when, the time left, the moves allowed in its
// state, the answers and files, the timeline and the messages with the applicant. Every form carries the
// dossier's version: acting on a page older than the dossier is refused and said so.
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { textIn, type Country, type Locale } from '../../forms/index.ts';
import { canTake, correctableFields, DECISION_FILE, DECISION_FILE_MB, DossierAnswers, MessageForm, MessageThread, MOTIVATION_MAX, StatusTag, Timeline, type AttachmentRow } from '../../dossiers/index.ts';
import { PiecesSection } from './pieces-section.tsx';
import type { AgentView } from '../service.ts';
import { agentCorrectionPath, agentFilePath, agentMessagePath, assignPath, decisionPath, followPath, INBOX } from '../paths.ts';
import { TimeLeft } from './time-left.tsx';
import { OpinionSection } from './opinion-section.tsx';
import type { OpinionPanel } from '../opinions.ts';
import { AnnotationsSection } from './annotations-section.tsx';
import type { AnnotationsState } from '../annotations.ts';
import { LabelsForm } from './labels-form.tsx';
import { agentDocumentsPath, agentPreviewPath } from '../../documents/index.ts';
import type { Label } from '../labels.ts';
import { CivilStatusLink } from '../../registries/civil-status/index.ts';
import { CasierLink } from '../../registries/criminal-record/index.ts';
import { AcceptanceFeeNotice } from '../../payments/views/acceptance-fee-notice.tsx';
import type { AcceptanceFeeState } from '../../payments/on-acceptance.ts';

export type Flash = { kind: 'success' | 'warning'; key: MessageKey };

interface Props {
  ctx: PageContext;
  view: AgentView;
  events: Parameters<typeof Timeline>[0]['events'];
  messages: Parameters<typeof MessageThread>[0]['messages'];
  files: AttachmentRow[];
  teams: { id: string; name: string }[];
  labels: { available: Label[]; current: Label[] };
  canAssign: boolean;
  opinions: OpinionPanel;
  country: Country;
  now: Date;
  flash?: Flash;
  messageError?: MessageKey;
  messageDraft?: string;
  /** The private annotations' form; absent when the reader may not annotate or there is nothing to annotate. */
  annotations?: AnnotationsState;
  /** A fee asked on acceptance (payments, decision 0017): waiting for the payment, or paid. */
  acceptanceFee?: AcceptanceFeeState;
}

export function AgentDossierPage(p: Props) {
  const { t } = p.ctx.i18n;
  const { dossier, open } = p.view;
  const files = (f: AttachmentRow) => agentFilePath(dossier.id, f.id);
  return (
    <Layout ctx={p.ctx} title={`${dossier.reference} · ${open.procedure.title}`} breadcrumb={[{ href: INBOX, label: t('instruction.inbox.title') }, { label: dossier.reference }]}>
      {p.flash && <Notice kind={p.flash.kind}>{t(p.flash.key)}</Notice>}
      <h1>
        {dossier.reference} <small>{open.procedure.title}</small>
      </h1>
      <dl class="facts">
        <dt>{t('instruction.col.status')}</dt>
        <dd>
          <StatusTag i18n={p.ctx.i18n} status={dossier.status} />
        </dd>
        <dt>{t('instruction.col.applicant')}</dt>
        <dd>{[dossier.applicantName, dossier.applicantPhone, dossier.applicantEmail].filter(Boolean).join(' · ')}</dd>
        <dt>{t('instruction.col.submitted')}</dt>
        <dd>{p.ctx.i18n.dateTime(dossier.submittedAt)}</dd>
        <dt>{t('instruction.col.team')}</dt>
        <dd>{dossier.teamName ?? t('instruction.dossier.noteam')}</dd>
        <dt>{t('instruction.col.due')}</dt>
        <dd>
          <TimeLeft ctx={p.ctx} dueAt={dossier.dueAt} status={dossier.status} now={p.now} />
        </dd>
      </dl>
      <form method="post" action={followPath(dossier.id)} class="inline">
        <CsrfField token={p.ctx.csrf} />
        <input type="hidden" name="suivre" value={dossier.followed ? '0' : '1'} />
        <button type="submit" class="secondary">
          {t(dossier.followed ? 'instruction.follow.stop' : 'instruction.follow.start')}
        </button>
      </form>

      {p.acceptanceFee && <AcceptanceFeeNotice ctx={p.ctx} fee={p.acceptanceFee} />}
      <CivilStatusLink ctx={p.ctx} dossierId={dossier.id} procedureSlug={open.procedure.slug} />
      <CasierLink ctx={p.ctx} dossierId={dossier.id} procedureSlug={open.procedure.slug} />
      <p>
        <a href={`${agentPreviewPath(dossier.id)}?decision=accept`}>{t('documents.agent.preview')}</a> · <a href={agentDocumentsPath(dossier.id)}>{t('documents.agent.link')}</a>
      </p>
      <Actions {...p} />
      <LabelsForm ctx={p.ctx} dossierId={dossier.id} available={p.labels.available} current={p.labels.current} />

      <h2>{t('dossiers.answers.title')}</h2>
      <DossierAnswers ctx={p.ctx} open={open} country={p.country} headingLevel={3} fileHref={(ref) => agentFilePath(dossier.id, ref.id)} />
      <PiecesSection ctx={p.ctx} dossierId={dossier.id} files={p.files} downloadHref={files} />
      {p.annotations && <AnnotationsSection ctx={p.ctx} view={p.view} state={p.annotations} country={p.country} />}

      <OpinionSection ctx={p.ctx} dossierId={dossier.id} panel={p.opinions} now={p.now} />

      <h2>{t('dossiers.timeline.title')}</h2>
      <Timeline ctx={p.ctx} events={p.events} files={p.files} fileHref={files} />

      <h2 id="messages">{t('dossiers.messages.title')}</h2>
      <MessageThread ctx={p.ctx} messages={p.messages} files={p.files} fileHref={files} viewer="agent" />
      <MessageForm ctx={p.ctx} action={agentMessagePath(dossier.id)} error={p.messageError} draft={p.messageDraft} />
    </Layout>
  );
}

function Actions(p: Props) {
  const { t } = p.ctx.i18n;
  const { dossier, open } = p.view;
  const version = <input type="hidden" name="version" value={String(dossier.version)} />;
  const decisions = (['accept', 'refuse', 'close'] as const).filter((a) => canTake(a, dossier.status));
  const correctable = canTake('accept', dossier.status) ? correctableFields(open.definition) : [];
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t('instruction.actions.title')}</h2>
      {canTake('review', dossier.status) && (
        <form method="post" action={decisionPath(dossier.id)} class="inline">
          <CsrfField token={p.ctx.csrf} />
          {version}
          <input type="hidden" name="action" value="review" />
          <button type="submit">{t('instruction.action.review')}</button>
        </form>
      )}
      {decisions.length > 0 && (
        // Multipart for the optional file: the CSRF token rides in the address, as on every form with a file.
        <form method="post" action={`${decisionPath(dossier.id)}?_csrf=${encodeURIComponent(p.ctx.csrf ?? '')}`} enctype="multipart/form-data" class="card">
          <CsrfField token={p.ctx.csrf} />
          {version}
          <fieldset>
            <legend>{t('instruction.decision.title')}</legend>
            {decisions.map((a, i) => (
              <div class="choice">
                <input type="radio" id={`d-${a}`} name="action" value={a} checked={i === 0} />
                <label for={`d-${a}`}>{t(`instruction.action.${a}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <label for="f-motivation">{t('instruction.decision.motivation')}</label>
            <p class="hint" id="f-motivation-hint">
              {t('instruction.decision.motivationhint')}
            </p>
            <textarea id="f-motivation" name="motivation" rows={4} maxLength={MOTIVATION_MAX} aria-describedby="f-motivation-hint" />
          </div>
          <div class="field">
            <label for="f-decision-file">{t('pieces.decision.file')}</label>
            <p class="hint" id="f-decision-file-hint">
              {t('pieces.decision.filehint', { max: DECISION_FILE_MB })}
            </p>
            <input type="file" id="f-decision-file" name={DECISION_FILE} accept="application/pdf,image/jpeg,image/png,image/webp" aria-describedby="f-decision-file-hint" />
          </div>
          <button type="submit">{t('instruction.decision.submit')}</button>
        </form>
      )}
      {canTake('reopen', dossier.status) && (
        <form method="post" action={decisionPath(dossier.id)} class="inline">
          <CsrfField token={p.ctx.csrf} />
          {version}
          <input type="hidden" name="action" value="reopen" />
          <button type="submit" class="secondary">
            {t('instruction.action.reopen')}
          </button>
        </form>
      )}
      {correctable.length > 0 && (
        <details>
          <summary>{t('instruction.correction.title')}</summary>
          <form method="post" action={agentCorrectionPath(dossier.id)} class="card">
            <CsrfField token={p.ctx.csrf} />
            {version}
            <fieldset>
              <legend>{t('instruction.correction.fields')}</legend>
              {correctable.map((f) => (
                <div class="choice">
                  <input type="checkbox" id={`c-${f.id}`} name="champs" value={f.id} />
                  <label for={`c-${f.id}`}>{'label' in f ? textIn(f.label, p.ctx.i18n.locale as Locale) : f.id}</label>
                </div>
              ))}
            </fieldset>
            <div class="field">
              <label for="f-reason">{t('instruction.correction.reason')}</label>
              <textarea id="f-reason" name="motif" rows={3} maxLength={2000} />
            </div>
            <button type="submit">{t('instruction.correction.submit')}</button>
          </form>
        </details>
      )}
      {p.canAssign && p.teams.length > 0 && (
        <form method="post" action={assignPath(dossier.id)} class="card">
          <CsrfField token={p.ctx.csrf} />
          {version}
          <div class="field">
            <label for="f-team">{t('instruction.assign.team')}</label>
            <select id="f-team" name="equipe">
              {p.teams.map((team) => (
                <option value={team.id} selected={team.id === dossier.teamId}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            {t('instruction.assign.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
