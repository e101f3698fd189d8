// The back office's page of a dossier's documents: previews of what a decision would issue, the documents
// issued so far (download, revoke).
import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { DocumentSummary } from '../types.ts';
import { agentDocumentPath, agentPreviewPath, agentRevokePath } from '../paths.ts';
import { AcceptanceFeeNotice } from '../../payments/views/acceptance-fee-notice.tsx';
import type { AcceptanceFeeState } from '../../payments/on-acceptance.ts';

interface Props {
  ctx: PageContext;
  dossier: { id: string; reference: string };
  documents: DocumentSummary[];
  flash?: { kind: 'success' | 'warning'; key: MessageKey };
  /** A fee asked on acceptance: waiting for the payment (documents withheld from the applicant) or paid. */
  acceptanceFee?: AcceptanceFeeState;
}

export function AgentDocumentsPage({ ctx, dossier, documents, flash, acceptanceFee }: Props) {
  const { t } = ctx.i18n;
  const title = t('documents.agent.title', { reference: dossier.reference });
  return (
    <Layout ctx={ctx} title={title} breadcrumb={[{ href: '/agent', label: t('instruction.inbox.title') }, { href: `/agent/dossiers/${dossier.id}`, label: dossier.reference }, { label: t('documents.agent.link') }]}>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <h1>{title}</h1>
      {acceptanceFee && <AcceptanceFeeNotice ctx={ctx} fee={acceptanceFee} />}
      <h2>{t('documents.agent.preview')}</h2>
      <p class="hint">{t('documents.agent.previewhint')}</p>
      <ul>
        <li>
          <a href={`${agentPreviewPath(dossier.id)}?decision=accept`}>{t('documents.agent.previewaccept')}</a>
        </li>
        <li>
          <a href={`${agentPreviewPath(dossier.id)}?decision=refuse`}>{t('documents.agent.previewrefuse')}</a>
        </li>
      </ul>
      <h2>{t('documents.agent.link')}</h2>
      {documents.length === 0 ? (
        <p>{t('documents.list.none')}</p>
      ) : (
        <ul>
          {documents.map((d) => (
            <li>
              <a href={agentDocumentPath(dossier.id, d.id)} download>
                {t('documents.list.download', { title: d.title })}
              </a>{' '}
              <small>
                {d.reference} · {t('documents.list.issued', { date: ctx.i18n.date(d.issuedAt) })}
              </small>{' '}
              {d.revokedAt ? (
                <strong>{t('documents.list.revoked', { date: ctx.i18n.date(d.revokedAt) })}</strong>
              ) : (
                <a href={agentRevokePath(d.id)}>{t('documents.agent.revoke')}</a>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
