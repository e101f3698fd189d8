// A submitted dossier as its applicant follows it: the reference to quote, the status, the timeline, the
// messages with the administration, and the answers as filed.
import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { Country } from '../../forms/index.ts';
import type { OpenDossier } from '../drafts.ts';
import type { AttachmentRow, MessageRow, TimelineEvent } from '../store.ts';
import { attachmentPath, correctionPath, messagePath, MY_DOSSIERS, paymentPath } from '../paths.ts';
import type { OpenCorrection } from '../corrections.ts';
import { DossierAnswers, StatusTag } from './shared.tsx';
import { MessageForm, MessageThread, Timeline } from './follow-up.tsx';
import { DocumentsSection, type DocumentSummary } from '../../documents/index.ts';
import type { AcceptanceDue } from '../../payments/on-acceptance.ts';

interface Props {
  ctx: PageContext;
  open: OpenDossier;
  events: TimelineEvent[];
  messages: MessageRow[];
  files: AttachmentRow[];
  notice?: 'submitted' | 'corrected';
  correction?: OpenCorrection;
  country: Country;
  messageError?: MessageKey;
  messageDraft?: string;
  /** The documents issued for the dossier (the receipt of submission is always offered). */
  documents?: DocumentSummary[];
  /** The fee asked on acceptance, if the form declares one (payments, decision 0017). */
  acceptanceFee?: AcceptanceDue;
}

export function DossierPage({ ctx, open, events, messages, files, notice, correction, country, messageError, messageDraft, documents, acceptanceFee }: Props) {
  const { t } = ctx.i18n;
  const { dossier, procedure } = open;
  // Accepted, fee unpaid: only receipts are offered; the rest waits for the payment.
  const owing = !!acceptanceFee && dossier.status === 'accepted' && !acceptanceFee.paidAt;
  const reference = dossier.reference!;
  return (
    <Layout ctx={ctx} title={`${reference} · ${procedure.title}`} breadcrumb={[{ href: MY_DOSSIERS, label: t('dossiers.mine.title') }, { label: reference }]}>
      {notice === 'submitted' && (
        <Notice kind="success">
          <p>{t('dossiers.receipt.done')}</p>
          <p>{t('dossiers.receipt.keep')}</p>
        </Notice>
      )}
      {notice === 'corrected' && <Notice kind="success">{t('dossiers.correction.done')}</Notice>}
      {correction && (
        <Notice kind="warning">
          <p>{t('dossiers.correction.asked')}</p>
          <p class="body">{correction.reason}</p>
          <a class="button" href={correctionPath(dossier.id)}>
            {t('dossiers.correction.start')}
          </a>
        </Notice>
      )}
      <h1>{procedure.title}</h1>
      <dl class="facts">
        <dt>{t('dossiers.receipt.reference')}</dt>
        <dd>
          <strong class="reference">{reference}</strong>
        </dd>
        <dt>{t('dossiers.receipt.status')}</dt>
        <dd>
          <StatusTag i18n={ctx.i18n} status={dossier.status} />
        </dd>
        {dossier.submittedAt && (
          <>
            <dt>{t('dossiers.receipt.submitted')}</dt>
            <dd>{ctx.i18n.dateTime(dossier.submittedAt)}</dd>
          </>
        )}
      </dl>

      {owing && (
        <Notice kind="warning">
          <p>{t('payments.acceptance.notice', { amount: ctx.i18n.money(acceptanceFee.amount) })}</p>
          <a class="button" href={paymentPath(dossier.id)}>
            {t('payments.acceptance.pay')}
          </a>
        </Notice>
      )}
      {acceptanceFee?.paidAt && dossier.status === 'accepted' && <Notice kind="success">{t('payments.acceptance.paid', { amount: ctx.i18n.money(acceptanceFee.amount) })}</Notice>}
      {documents && (
        <DocumentsSection
          ctx={ctx}
          dossierId={dossier.id}
          documents={owing ? documents.filter((d) => d.kind === 'payment-receipt' || d.kind === 'submission-receipt') : documents}
          status={owing ? undefined : dossier.status}
        />
      )}

      <h2>{t('dossiers.timeline.title')}</h2>
      <Timeline ctx={ctx} events={events} files={files} fileHref={(f) => attachmentPath(dossier.id, f.id)} />

      <h2 id="messages">{t('dossiers.messages.title')}</h2>
      <MessageThread ctx={ctx} messages={messages} files={files} fileHref={(f) => attachmentPath(dossier.id, f.id)} viewer="applicant" />
      <MessageForm ctx={ctx} action={messagePath(dossier.id)} error={messageError} draft={messageDraft} />

      <h2>{t('dossiers.answers.title')}</h2>
      <DossierAnswers ctx={ctx} open={open} country={country} headingLevel={3} />
    </Layout>
  );
}
