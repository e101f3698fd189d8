// The invitee's page: who invites them to what, then name, contact, password and the second factor. The TOTP
// secret is shown three ways (QR code, the text to type, the otpauth:// link for a phone that has the app).
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, type FieldError } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';

export interface InvitationView {
  administration: string;
  team: string | null;
  role: 'agent' | 'manager';
  /** The address or number the invitation reached, which the invitee does not type again. */
  email: string | null;
  phone: string | null;
  secret: string;
  uri: string;
  qrSvg: string;
}

const errorOf = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

/** The secret in groups of four, easier to copy by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

export function InvitationPage(p: { ctx: PageContext; action: string; invitation: InvitationView; errors?: FieldError[]; values?: Record<string, string> }) {
  const { ctx, invitation: inv, errors = [], values = {} } = p;
  const { t } = ctx.i18n;
  const role = t(`staff.role.${inv.role}` as MessageKey);
  const method = values.method ?? 'totp';
  const fixed = (id: string, label: string, value: string) => (
    <div class="field">
      <p>
        <strong>{label}</strong> <span id={`f-${id}`}>{value}</span>
      </p>
    </div>
  );
  return (
    <Layout ctx={ctx} title={t('staff.accept.title')}>
      <h1>{t('staff.accept.title')}</h1>
      <ErrorSummary title={t('form.errors')} errors={errors} />
      <p>{inv.team ? t('staff.accept.leadteam', { administration: inv.administration, team: inv.team, role }) : t('staff.accept.lead', { administration: inv.administration, role })}</p>
      <form method="post" action={p.action} class="card">
        <CsrfField token={ctx.csrf} />
        <Field name="name" label={t('staff.accept.name')} autocomplete="name" value={values.name} maxLength={120} error={errorOf(errors, 'name')} required />
        {inv.email ? (
          fixed('email', t('auth.email.label'), inv.email)
        ) : (
          <Field name="email" type="email" label={t('auth.email.label')} hint={t('staff.accept.emailhint')} autocomplete="email" value={values.email} error={errorOf(errors, 'email')} required />
        )}
        {inv.phone ? (
          fixed('phone', t('auth.phone.label'), inv.phone)
        ) : (
          <Field name="phone" type="tel" label={t('staff.accept.phone')} hint={t('staff.accept.phonehint')} autocomplete="tel" inputmode="tel" value={values.phone} error={errorOf(errors, 'phone')} />
        )}
        <Field
          name="password"
          type="password"
          label={t('auth.password.label')}
          hint={t('auth.password.hint')}
          autocomplete="new-password"
          error={errorOf(errors, 'password')}
          required
        />
        <fieldset aria-describedby="f-method-hint">
          <legend id="f-method">{t('staff.accept.method')}</legend>
          <p class="hint" id="f-method-hint">
            {t('staff.accept.methodhint')}
          </p>
          {errorOf(errors, 'method') && <p class="error">{errorOf(errors, 'method')}</p>}
          {(['totp', 'sms', 'email'] as const).map((m) => (
            <div class="choice">
              <input type="radio" id={`f-method-${m}`} name="method" value={m} checked={method === m} />
              <label for={`f-method-${m}`}>{t(`staff.method.${m}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('staff.accept.totptitle')}</legend>
          <p>{t('staff.accept.totpsteps')}</p>
          <img class="qr" src={`data:image/svg+xml;base64,${Buffer.from(inv.qrSvg).toString('base64')}`} width={200} height={200} alt={t('staff.accept.qralt')} />
          <p>
            {t('staff.accept.secret')} <code>{grouped(inv.secret)}</code>
          </p>
          <p>
            <a href={inv.uri}>{t('staff.accept.openapp')}</a>
          </p>
          <Field name="code" label={t('staff.accept.code')} hint={t('staff.accept.codehint')} autocomplete="one-time-code" inputmode="numeric" maxLength={7} error={errorOf(errors, 'code')} />
        </fieldset>
        <button>{t('staff.accept.submit')}</button>
      </form>
    </Layout>
  );
}
