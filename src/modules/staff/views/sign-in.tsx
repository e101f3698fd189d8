// The agent sign-in: e-mail and password, then the second factor (a code from an app, or sent by SMS/e-mail).
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, Notice, type FieldError } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { SecondFactorMethod } from '../../../platform/db/schema.ts';
import { AGENT_SIGN_IN, SECOND_FACTOR_PAGE } from '../../../platform/auth/staff.ts';
import { RESEND_PATH } from '../paths.ts';

const errorOf = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

export function AgentSignInPage({ ctx, errors = [], email = '', expired }: { ctx: PageContext; errors?: FieldError[]; email?: string; expired?: boolean }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('staff.signin.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { label: t('staff.signin.title') }]}>
      <h1>{t('staff.signin.title')}</h1>
      {expired && <Notice kind="warning">{t('staff.signin.expired')}</Notice>}
      <ErrorSummary title={t('form.errors')} errors={errors} />
      <p>{t('staff.signin.lead')}</p>
      <form method="post" action={AGENT_SIGN_IN} class="card">
        <CsrfField token={ctx.csrf} />
        <Field name="email" type="email" label={t('auth.email.label')} autocomplete="username" value={email} error={errorOf(errors, 'email')} required />
        <Field name="password" type="password" label={t('auth.password.label')} autocomplete="current-password" error={errorOf(errors, 'password')} required />
        <button>{t('staff.signin.submit')}</button>
      </form>
      <p>
        {t('staff.signin.citizen')} <a href="/connexion">{t('auth.signin.link')}</a>
      </p>
    </Layout>
  );
}

export interface VerificationProps {
  ctx: PageContext;
  method: SecondFactorMethod;
  /** The masked phone number or address the code went to. */
  destination: string;
  errors?: FieldError[];
  resent?: boolean;
}

export function VerificationPage({ ctx, method, destination, errors = [], resent }: VerificationProps) {
  const { t } = ctx.i18n;
  const lead = method === 'totp' ? t('staff.verify.totp') : t(method === 'sms' ? 'staff.verify.sms' : 'staff.verify.email', { destination });
  return (
    <Layout ctx={ctx} title={t('staff.verify.title')} breadcrumb={[{ href: AGENT_SIGN_IN, label: t('staff.signin.title') }, { label: t('staff.verify.title') }]}>
      <h1>{t('staff.verify.title')}</h1>
      {resent && <Notice kind="success">{t('staff.verify.resent')}</Notice>}
      <ErrorSummary title={t('form.errors')} errors={errors} />
      <p>{lead}</p>
      <form method="post" action={SECOND_FACTOR_PAGE} class="card">
        <CsrfField token={ctx.csrf} />
        <Field
          name="code"
          label={t('staff.verify.code')}
          hint={t('staff.verify.codehint')}
          autocomplete="one-time-code"
          inputmode="numeric"
          maxLength={7}
          error={errorOf(errors, 'code')}
          required
        />
        <div class="field check">
          <input type="checkbox" id="f-trust" name="trust" value="on" aria-describedby="f-trust-hint" />
          <label for="f-trust">{t('staff.verify.trust')}</label>
          <p class="hint" id="f-trust-hint">
            {t('staff.verify.trusthint')}
          </p>
        </div>
        <button>{t('staff.verify.submit')}</button>
      </form>
      {method !== 'totp' && (
        <form method="post" action={RESEND_PATH}>
          <CsrfField token={ctx.csrf} />
          <button class="link">{t('staff.verify.resend')}</button>
        </form>
      )}
    </Layout>
  );
}
