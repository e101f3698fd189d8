// The follow-up of a filed dossier, shared by the applicant's page and the agent's: its timeline, the
// messages exchanged (with their files) and the form to write one.
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { AttachmentRow, MessageRow, TimelineEvent } from '../store.ts';
import { MESSAGE_FILES, MESSAGE_MAX_LENGTH } from '../messages.ts';
import { fileSize } from './section-fields.tsx';

/**
 * The dossier's history. A decision's file (the signed letter) is linked under its event when the reader's
 * page passes the dossier's files and where they are downloaded from.
 */
export function Timeline({ ctx, events, files = [], fileHref }: { ctx: PageContext; events: TimelineEvent[]; files?: AttachmentRow[]; fileHref?: (f: AttachmentRow) => string }) {
  const { t } = ctx.i18n;
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <time dateTime={e.createdAt.toISOString()}>{ctx.i18n.dateTime(e.createdAt)}</time> — {t(`dossiers.event.${e.kind}` as MessageKey)}
          {e.note && <p class="body">{e.note}</p>}
          {fileHref &&
            files
              .filter((f) => f.eventId === e.id)
              .map((f) => (
                <p>
                  {t('pieces.timeline.file')}{' '}
                  <a href={fileHref(f)} download>
                    {f.name}
                  </a>{' '}
                  ({fileSize(f.size, ctx.i18n)})
                </p>
              ))}
        </li>
      ))}
    </ol>
  );
}

/** The messages, seen by the applicant ("you" / "the administration") or by an agent ("applicant" / "administration"). */
export function MessageThread(p: { ctx: PageContext; messages: MessageRow[]; files: AttachmentRow[]; fileHref: (f: AttachmentRow) => string; viewer: 'applicant' | 'agent' }) {
  const { t } = p.ctx.i18n;
  const mine = p.viewer === 'applicant';
  if (p.messages.length === 0) return <p>{t('dossiers.messages.none')}</p>;
  return (
    <ul class="messages">
      {p.messages.map((m) => (
        <li class={m.fromApplicant === mine ? 'mine' : 'theirs'}>
          <p class="meta">
            {t(m.fromApplicant ? (mine ? 'dossiers.messages.you' : 'dossiers.messages.applicant') : 'dossiers.messages.administration')} · {p.ctx.i18n.dateTime(m.createdAt)}
          </p>
          <p class="body">{m.body}</p>
          {p.files
            .filter((f) => f.messageId === m.id)
            .map((f) => (
              <p>
                <a href={p.fileHref(f)} download>
                  {f.name}
                </a>
              </p>
            ))}
        </li>
      ))}
    </ul>
  );
}

export function MessageForm(p: { ctx: PageContext; action: string; error?: MessageKey; draft?: string }) {
  const { t } = p.ctx.i18n;
  return (
    <form method="post" action={`${p.action}?_csrf=${encodeURIComponent(p.ctx.csrf ?? '')}`} enctype="multipart/form-data" class="card">
      <div class={p.error ? 'field invalid' : 'field'}>
        <label for="f-message">{t('dossiers.messages.write')}</label>
        {p.error && (
          <p class="error" id="f-message-error">
            {t(p.error)}
          </p>
        )}
        <textarea id="f-message" name="message" rows={4} maxLength={MESSAGE_MAX_LENGTH} aria-describedby={p.error ? 'f-message-error' : undefined}>
          {p.draft ?? ''}
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
  );
}
