// A submitted dossier as its applicant follows it: the reference to quote, the status, the timeline, the
// messages with the administration, and the answers as filed.
import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { Country } from '../../forms/index.ts';
import type { OpenDossier } from '../drafts.ts';
import type { AttachmentRow, MessageRow, TimelineEvent } from '../store.ts';
import { attachmentPath, correctionPath, messagePath, MY_DOSSIERS } from '../paths.ts';
import type { OpenCorrection } from '../corrections.ts';
import { MESSAGE_FILES, MESSAGE_MAX_LENGTH } from '../messages.ts';
import { DossierAnswers, StatusTag } from './shared.tsx';

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
}

export function DossierPage({ ctx, open, events, messages, files, notice, correction, country, messageError, messageDraft }: Props) {
  const { t } = ctx.i18n;
  const { dossier, definition, procedure } = open;
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

      <h2>{t('dossiers.timeline.title')}</h2>
      <ol class="timeline">
        {events.map((e) => (
          <li>
            <time dateTime={e.createdAt.toISOString()}>{ctx.i18n.dateTime(e.createdAt)}</time> — {t(`dossiers.event.${e.kind}` as MessageKey)}
            {e.note && <p>{e.note}</p>}
          </li>
        ))}
      </ol>

      <h2 id="messages">{t('dossiers.messages.title')}</h2>
      {messages.length === 0 && <p>{t('dossiers.messages.none')}</p>}
      <ul class="messages">
        {messages.map((m) => (
          <li class={m.fromApplicant ? 'mine' : 'theirs'}>
            <p class="meta">
              {t(m.fromApplicant ? 'dossiers.messages.you' : 'dossiers.messages.administration')} · {ctx.i18n.dateTime(m.createdAt)}
            </p>
            <p class="body">{m.body}</p>
            {files
              .filter((f) => f.messageId === m.id)
              .map((f) => (
                <p>
                  <a href={attachmentPath(dossier.id, f.id)} download>
                    {f.name}
                  </a>
                </p>
              ))}
          </li>
        ))}
      </ul>
      <form method="post" action={`${messagePath(dossier.id)}?_csrf=${encodeURIComponent(ctx.csrf ?? '')}`} enctype="multipart/form-data" class="card">
        <div class={messageError ? 'field invalid' : 'field'}>
          <label for="f-message">{t('dossiers.messages.write')}</label>
          {messageError && (
            <p class="error" id="f-message-error">
              {t(messageError)}
            </p>
          )}
          <textarea id="f-message" name="message" rows={4} maxLength={MESSAGE_MAX_LENGTH} aria-describedby={messageError ? 'f-message-error' : undefined}>
            {messageDraft ?? ''}
          </textarea>
        </div>
        {MESSAGE_FILES.map((name, i) => (
          <div class="field">
            <label for={`f-${name}`}>{t('dossiers.messages.file', { n: i + 1 })}</label>
            <input type="file" id={`f-${name}`} name={name} accept="application/pdf,image/jpeg,image/png" />
          </div>
        ))}
        <button type="submit">{t('dossiers.messages.send')}</button>
      </form>

      <h2>{t('dossiers.answers.title')}</h2>
      <DossierAnswers ctx={ctx} open={open} country={country} headingLevel={3} />
    </Layout>
  );
}
