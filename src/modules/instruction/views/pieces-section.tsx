// Every file of a dossier in one list — the answers', the messages', the decisions' — each with its download
// and, for a PDF or a photo, its preview folded under a <details> (decision 0012). Nothing is fetched until
// the agent opens one: the frame and the image load lazily, and only an opened preview is in the audit log.
// Without JavaScript it works the same; the "full screen" link opens the preview on its own.
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { fileSize, type AttachmentRow } from '../../dossiers/index.ts';
import { isImage, isPreviewable, previewPath } from '../preview.ts';

const origin = (f: AttachmentRow): MessageKey => (f.field !== null ? 'pieces.origin.answer' : f.messageId ? 'pieces.origin.message' : f.eventId ? 'pieces.origin.decision' : 'pieces.origin.other');

export function PiecesSection(p: { ctx: PageContext; dossierId: string; files: AttachmentRow[]; downloadHref: (f: AttachmentRow) => string }) {
  const { t } = p.ctx.i18n;
  return (
    <section aria-labelledby="pieces-title">
      <h2 id="pieces-title">{t('pieces.title')}</h2>
      {p.files.length === 0 ? (
        <p>{t('pieces.none')}</p>
      ) : (
        <ul class="pieces">
          {p.files.map((f) => {
            const preview = previewPath(p.dossierId, f.id);
            const label = t('pieces.preview.of', { name: f.name });
            return (
              <li>
                <a href={p.downloadHref(f)} download>
                  {f.name}
                </a>{' '}
                <small>
                  ({fileSize(f.size, p.ctx.i18n)} · {t(origin(f))})
                </small>
                {isPreviewable(f.kind) && (
                  <details class="preview">
                    <summary>{t('pieces.preview.show')}</summary>
                    {isImage(f.kind) ? <img src={preview} alt={label} loading="lazy" /> : <iframe src={preview} title={label} loading="lazy" />}
                    <p>
                      <a href={preview} target="_blank" rel="noopener">
                        {t('pieces.preview.full')}
                      </a>{' '}
                      · {t('pieces.preview.fallback')}{' '}
                      <a href={p.downloadHref(f)} download>
                        {t('pieces.preview.download')}
                      </a>
                    </p>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
