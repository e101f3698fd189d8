// The managers' payments page: money received per procedure and day (a plain table, copied into a
// spreadsheet as it is), and the sums flagged for a refund, each with its refund form (a reason is required).
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice, TextArea } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { maskPhone } from '../../accounts/index.ts';
import { operatorName } from '../operators.ts';
import type { DayTotal, FlaggedPayment } from '../backoffice.ts';
import type { ReconciliationReport } from '../reconcile.ts';

export const PAYMENTS_PAGE = '/agent/paiements';
export const refundPath = (paymentId: string) => `/agent/paiements/${paymentId}/remboursement`;
export const RECONCILE_PATH = '/agent/paiements/rapprochement';

interface Props {
  ctx: PageContext;
  days: number;
  totals: DayTotal[];
  flagged: FlaggedPayment[];
  notice?: 'refunded';
  /** The refund form that came back with an error. */
  failed?: { paymentId: string; key: MessageKey; reason: string };
  report?: ReconciliationReport;
  statementError?: string;
}

export function PaymentsBackOffice(p: Props) {
  const { t } = p.ctx.i18n;
  const money = (n: number | null) => (n === null ? '—' : p.ctx.i18n.money(n));
  return (
    <Layout ctx={p.ctx} title={t('payments.bo.title')} breadcrumb={[{ href: '/agent', label: t('instruction.inbox.title') }, { label: t('payments.bo.title') }]}>
      <h1>{t('payments.bo.title')}</h1>
      {p.notice === 'refunded' && <Notice kind="success">{t('payments.bo.refund.done')}</Notice>}
      {p.failed && <ErrorSummary title={t('payments.bo.refund.title')} errors={[{ field: `raison-${p.failed.paymentId}`, message: t(p.failed.key) }]} />}
      <p>{t('payments.bo.lead', { days: p.days })}</p>
      {p.totals.length === 0 ? (
        <p>{t('payments.bo.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('payments.bo.day')}</th>
              <th scope="col">{t('payments.bo.procedure')}</th>
              <th scope="col">{t('payments.bo.count')}</th>
              <th scope="col">{t('payments.bo.total')}</th>
            </tr>
          </thead>
          <tbody>
            {p.totals.map((row) => (
              <tr>
                <td>{row.day}</td>
                <td>{row.procedure}</td>
                <td>{row.payments}</td>
                <td>{money(row.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('payments.bo.reconcile')}</h2>
      <p>{t('payments.bo.reconcile.lead')}</p>
      {p.statementError && <ErrorSummary title={t('payments.bo.reconcile')} errors={[{ field: 'releve', message: p.statementError }]} />}
      <form method="post" action={`${RECONCILE_PATH}?_csrf=${encodeURIComponent(p.ctx.csrf ?? '')}`} enctype="multipart/form-data" class="card">
        <div class={p.statementError ? 'field invalid' : 'field'}>
          <label for="f-releve">{t('payments.bo.reconcile.file')}</label>
          <input id="f-releve" name="releve" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit">{t('payments.bo.reconcile.submit')}</button>
      </form>
      {p.report && <Report ctx={p.ctx} report={p.report} />}

      <h2>{t('payments.bo.flagged')}</h2>
      <p>{t('payments.bo.flagged.lead')}</p>
      {p.flagged.length === 0 && <p>{t('payments.bo.flagged.none')}</p>}
      {p.flagged.map((f) => (
        <section class="card" aria-labelledby={`pm-${f.id}`}>
          <h3 id={`pm-${f.id}`}>
            {f.reference ?? '—'} · {t(`payments.bo.flag.${f.flag}` as MessageKey)}
          </h3>
          <dl class="facts">
            <dt>{t('payments.bo.procedure')}</dt>
            <dd>{f.procedure}</dd>
            <dt>{t('payments.bo.received')}</dt>
            <dd>{money(f.amountConfirmed)}</dd>
            <dt>{t('payments.bo.expected')}</dt>
            <dd>{money(f.amountExpected)}</dd>
            <dt>{t('payments.bo.payer')}</dt>
            <dd>
              {operatorName(f.operator)}, {maskPhone(f.payerPhone)}
            </dd>
            <dt>{t('payments.bo.transaction')}</dt>
            <dd>{f.providerRef ?? f.id}</dd>
          </dl>
          {f.refundedAt ? (
            <p>{t('payments.bo.refunded', { date: p.ctx.i18n.dateTime(f.refundedAt), reason: f.refundReason ?? '' })}</p>
          ) : (
            <form method="post" action={refundPath(f.id)}>
              <CsrfField token={p.ctx.csrf} />
              <TextArea
                name={`raison-${f.id}`}
                label={t('payments.bo.refund.reason')}
                hint={t('payments.bo.refund.hint')}
                error={p.failed?.paymentId === f.id ? t(p.failed.key) : undefined}
                value={p.failed?.paymentId === f.id ? p.failed.reason : ''}
                rows={2}
              />
              <button type="submit">{t('payments.bo.refund')}</button>
            </form>
          )}
        </section>
      ))}
    </Layout>
  );
}

function Report({ ctx, report }: { ctx: PageContext; report: ReconciliationReport }) {
  const { t } = ctx.i18n;
  const money = (n: number | null) => (n === null ? '—' : ctx.i18n.money(n));
  const list = (title: MessageKey, items: string[]) =>
    items.length > 0 && (
      <>
        <h4>{t(title)}</h4>
        <ul>
          {items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
      </>
    );
  const clean = report.recovered.length + report.amountDiffers.length + report.notSettled.length + report.notPaidThere.length + report.unknown.length === 0;
  return (
    <section class="card" role="status" aria-labelledby="reconcile-result">
      <h3 id="reconcile-result">{t('payments.bo.reconcile.result')}</h3>
      <p>{t('payments.bo.reconcile.summary', { lines: report.lines, matched: report.matched, amount: money(report.matchedAmount) })}</p>
      {clean && <p>{t('payments.bo.reconcile.clean')}</p>}
      {list('payments.bo.reconcile.recovered', report.recovered.map((r) => `${r.reference ?? '—'} (${r.transactionId})`))}
      {list('payments.bo.reconcile.differs', report.amountDiffers.map((r) => `${r.reference ?? '—'} (${r.transactionId}) : ${money(r.ours)} / ${money(r.theirs)}`))}
      {list('payments.bo.reconcile.notsettled', report.notSettled.map((r) => `${r.reference ?? '—'} (${r.transactionId})`))}
      {list('payments.bo.reconcile.notpaid', report.notPaidThere.map((r) => `${r.reference ?? '—'} (${r.transactionId})`))}
      {list('payments.bo.reconcile.unknown', report.unknown.map((r) => `${r.line} : ${r.transactionId}`))}
    </section>
  );
}
