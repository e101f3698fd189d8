// The "Documents" block of the applicant's dossier page: the receipt of submission (generated on first
// download) and every document issued for the dossier, each a PDF download.
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { DocumentSummary } from '../types.ts';
import { applicantDocumentPath, decisionLetterPath, receiptPath } from '../paths.ts';

const REGISTRY_KINDS = new Set(['bulletin-1', 'bulletin-2', 'bulletin-3', 'birth-act-extract']);

interface Props {
  ctx: PageContext;
  dossierId: string;
  documents: DocumentSummary[];
  /** The dossier's status: an accepted or refused dossier offers the letter of its decision. */
  status?: string;
}

export function DocumentsSection({ ctx, dossierId, documents, status }: Props) {
  const { t } = ctx.i18n;
  // Receipts and decision letters have their own link (made on first download, the current one); the rest is listed.
  const others = documents.filter((d) => d.kind !== 'submission-receipt' && d.kind !== 'acceptance' && d.kind !== 'refusal');
  const letter = status === 'refused' || (status === 'accepted' && !documents.some((d) => REGISTRY_KINDS.has(d.kind)));
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('documents.list.title')}</h2>
      <p>{t('documents.list.intro')}</p>
      <ul>
        {others.map((d) => (
          <li>
            <a href={applicantDocumentPath(dossierId, d.id)} download>
              {t('documents.list.download', { title: d.title })}
            </a>{' '}
            <small>
              {d.reference} · {t('documents.list.issued', { date: ctx.i18n.date(d.issuedAt) })}
              {d.revokedAt && <> · <strong>{t('documents.list.revoked', { date: ctx.i18n.date(d.revokedAt) })}</strong></>}
            </small>
          </li>
        ))}
        {letter && (
          <li>
            <a href={decisionLetterPath(dossierId)} download>
              {t('documents.list.letter')}
            </a>
          </li>
        )}
        <li>
          <a href={receiptPath(dossierId)} download>
            {t('documents.list.receipt')}
          </a>
        </li>
      </ul>
    </section>
  );
}
