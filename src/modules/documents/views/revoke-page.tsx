// The form an agent or a manager fills to revoke a document: a reason, shown publicly to verifiers.
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, Notice, TextArea } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { agentRevokePath } from '../paths.ts';

interface Props {
  ctx: PageContext;
  document: { id: string; reference: string; title: string; holderName: string; revokedAt: Date | null };
  back: string;
  error?: MessageKey;
  reason?: string;
  done?: boolean;
}

export function RevokePage({ ctx, document, back, error, reason, done }: Props) {
  const { t } = ctx.i18n;
  const title = t('documents.revoke.title', { reference: document.reference });
  return (
    <Layout ctx={ctx} title={title} breadcrumb={[{ href: '/agent', label: t('instruction.inbox.title') }, { href: back, label: t('documents.agent.link') }, { label: document.reference }]}>
      {done && <Notice kind="success">{t('documents.revoke.done')}</Notice>}
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{t('documents.fact.title')}</dt>
        <dd>{document.title}</dd>
        <dt>{t('documents.fact.holder')}</dt>
        <dd>{document.holderName}</dd>
      </dl>
      {document.revokedAt ? (
        <p>
          <strong>{t('documents.list.revoked', { date: ctx.i18n.dateTime(document.revokedAt) })}</strong>
        </p>
      ) : (
        <form method="post" action={agentRevokePath(document.id)} class="card">
          <CsrfField token={ctx.csrf} />
          <p>{t('documents.revoke.intro')}</p>
          <TextArea name="reason" label={t('documents.revoke.reason')} hint={t('documents.revoke.reasonhint')} error={error && t(error)} value={reason} rows={3} />
          <button type="submit">{t('documents.revoke.submit')}</button>
        </form>
      )}
      <p>
        <a href={back}>{t('documents.agent.link')}</a>
      </p>
    </Layout>
  );
}
