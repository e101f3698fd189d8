// The payment step of a dossier whose procedure asks a fee: what is owed, the operator and the number that
// pays; then, while the operator asks the payer to confirm on the phone, what to do and a "check again"
// button. With JavaScript, a static script (public/payment.js) asks the server every few seconds and shows
// the page again once the payment is settled: the page changes only when something happened (a timed
// <meta> refresh would reload it under a screen reader's feet, WCAG 2.2.1).
import { Layout } from '../../../platform/ui/layout.tsx';
import { paymentScript } from '../../../platform/ui/assets.ts';
import { CsrfField, ErrorSummary, Field, FieldNotes, Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { maskPhone } from '../../accounts/index.ts';
import { OPERATOR_NAMES, operatorName } from '../operators.ts';
import type { Operator } from '../providers/types.ts';
import type { DueView, PaymentRow } from '../store.ts';

export const payPath = (dossierId: string) => `/dossiers/${dossierId}/paiement`;
export const checkPath = (dossierId: string) => `/dossiers/${dossierId}/paiement/verifier`;
export const statePath = (dossierId: string) => `/dossiers/${dossierId}/paiement/etat`;

interface Props {
  ctx: PageContext;
  due: DueView;
  operators: Operator[];
  /** The latest attempt, if any. */
  latest: PaymentRow | undefined;
  available: boolean;
  sandbox: boolean;
  errors: { field: string; key: MessageKey }[];
  posted?: { operator: string; phone: string };
}

export function PaymentPage({ ctx, due, operators, latest, available, sandbox, errors, posted }: Props) {
  const { t } = ctx.i18n;
  const amount = ctx.i18n.money(due.amount);
  const waiting = latest && (latest.status === 'created' || latest.status === 'pending');
  return (
    <Layout ctx={ctx} title={`${t('payments.title')} · ${due.procedureTitle}`} breadcrumb={[{ href: '/mes-dossiers', label: t('dossiers.mine.title') }, { label: due.reference }]}>
      <h1>{waiting ? t('payments.wait.title') : t('payments.title')}</h1>
      <p>{t(due.purpose === 'acceptance' ? 'payments.acceptance.lead' : 'payments.lead', { title: due.procedureTitle, reference: due.reference })}</p>
      <dl class="facts">
        <dt>{t('payments.amount')}</dt>
        <dd>
          <strong>{amount}</strong>
        </dd>
        {due.label && (
          <>
            <dt>{t('payments.for')}</dt>
            <dd>{due.label}</dd>
          </>
        )}
      </dl>
      {waiting ? (
        <Waiting ctx={ctx} due={due} payment={latest} />
      ) : (
        <>
          {latest?.status === 'failed' && latest.flag === 'amount-mismatch' && (
            <Notice kind="warning">{t(due.purpose === 'acceptance' ? 'payments.acceptance.flagged' : 'payments.flagged', { paid: ctx.i18n.money(latest.amountConfirmed ?? 0), amount })}</Notice>
          )}
          {latest?.status === 'failed' && latest.flag !== 'amount-mismatch' && <Notice kind="warning">{t('payments.failed')}</Notice>}
          {latest?.status === 'expired' && <Notice kind="warning">{t('payments.expired')}</Notice>}
        </>
      )}
      {!available ? (
        <Notice kind="warning">{t('payments.unavailable')}</Notice>
      ) : (
        <PayForm ctx={ctx} due={due} operators={operators} errors={errors} posted={posted} again={!!waiting} sandbox={sandbox} />
      )}
    </Layout>
  );
}

function Waiting({ ctx, due, payment }: { ctx: PageContext; due: DueView; payment: PaymentRow }) {
  const { t } = ctx.i18n;
  return (
    <div class="card" role="status" data-payment-state={statePath(due.dossierId)}>
      {payment.redirectUrl ? (
        <>
          <p>{t('payments.wait.redirect')}</p>
          <p>
            <a class="button" href={payment.redirectUrl}>
              {t('payments.wait.go')}
            </a>
          </p>
        </>
      ) : (
        <p>{t('payments.wait.steps', { amount: ctx.i18n.money(payment.amountExpected), phone: maskPhone(payment.payerPhone), operator: operatorName(payment.operator) })}</p>
      )}
      <p>{t('payments.wait.auto')}</p>
      <form method="post" action={checkPath(due.dossierId)}>
        <CsrfField token={ctx.csrf} />
        <button type="submit">{t('payments.wait.check')}</button>
      </form>
      <script src={paymentScript.href} defer />
    </div>
  );
}

function PayForm(p: { ctx: PageContext; due: DueView; operators: Operator[]; errors: Props['errors']; posted?: Props['posted']; again: boolean; sandbox: boolean }) {
  const { t } = p.ctx.i18n;
  const errorOf = (field: string) => {
    const e = p.errors.find((x) => x.field === field);
    return e ? t(e.key) : undefined;
  };
  const operatorError = errorOf('operateur');
  const chosen = p.posted?.operator ?? (p.operators.length === 1 ? p.operators[0] : '');
  const body = (
    <form method="post" action={payPath(p.due.dossierId)} class="card" novalidate>
      <ErrorSummary title={t('payments.error.title')} errors={p.errors.map((e) => ({ field: e.field, message: t(e.key) }))} />
      <CsrfField token={p.ctx.csrf} />
      <fieldset class={operatorError ? 'field invalid' : 'field'} aria-describedby={operatorError ? 'f-operateur-error' : undefined}>
        <legend>{t('payments.operator')}</legend>
        <FieldNotes id="f-operateur" error={operatorError} />
        <div class="choices">
          {p.operators.map((code, i) => (
            <div class="choice">
              <input type="radio" id={i === 0 ? 'f-operateur' : `f-operateur-${i}`} name="operateur" value={code} checked={chosen === code} />
              <label for={i === 0 ? 'f-operateur' : `f-operateur-${i}`}>{OPERATOR_NAMES[code]}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <Field
        name="telephone"
        label={t('payments.phone')}
        hint={t('payments.phone.hint')}
        error={errorOf('telephone')}
        type="tel"
        inputmode="tel"
        autocomplete="tel"
        value={p.posted?.phone ?? p.due.applicantPhone ?? ''}
        maxLength={30}
      />
      {p.sandbox && <p class="hint">{t('payments.sandbox')}</p>}
      <button type="submit">{t('payments.pay', { amount: p.ctx.i18n.money(p.due.amount) })}</button>
    </form>
  );
  // While an attempt waits, another one stays possible (a wrong number, another operator), folded away.
  return p.again ? (
    <details>
      <summary>{t('payments.wait.other')}</summary>
      {body}
    </details>
  ) : (
    body
  );
}
