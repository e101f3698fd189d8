import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, type FieldError } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';

export interface AuthFormProps {
  ctx: PageContext;
  errors?: FieldError[];
  values?: Record<string, string>;
}

const errorOf = (errors: FieldError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

export function SignInPage({ ctx, errors = [], values = {} }: AuthFormProps) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('auth.signin.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { label: t('auth.signin.title') }]}>
      <h1>{t('auth.signin.title')}</h1>
      <ErrorSummary title={t('form.errors')} errors={errors} />
      <PhoneForm ctx={ctx} errors={errors} values={values} submit={t('auth.phone.send')} />
      <h2>{t('auth.email.title')}</h2>
      <form method="post" action="/connexion/email" class="card">
        <CsrfField token={ctx.csrf} />
        <Field name="email" type="email" label={t('auth.email.label')} autocomplete="email" value={values.email} error={errorOf(errors, 'email')} required />
        <Field name="password" type="password" label={t('auth.password.label')} autocomplete="current-password" error={errorOf(errors, 'password')} required />
        <button>{t('auth.signin.submit')}</button>
      </form>
      <p>
        {t('auth.signin.noaccount')} <a href="/inscription">{t('auth.signup.link')}</a>
      </p>
    </Layout>
  );
}

export function SignUpPage({ ctx, errors = [], values = {} }: AuthFormProps) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('auth.signup.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { label: t('auth.signup.title') }]}>
      <h1>{t('auth.signup.title')}</h1>
      <ErrorSummary title={t('form.errors')} errors={errors} />
      <PhoneForm ctx={ctx} errors={errors} values={values} withName submit={t('auth.phone.send')} />
      <h2>{t('auth.email.signuptitle')}</h2>
      <form method="post" action="/inscription/email" class="card">
        <CsrfField token={ctx.csrf} />
        <Field name="ename" label={t('auth.name.label')} autocomplete="name" value={values.ename} maxLength={120} />
        <Field name="email" type="email" label={t('auth.email.label')} autocomplete="email" value={values.email} error={errorOf(errors, 'email')} required />
        <Field
          name="password"
          type="password"
          label={t('auth.password.label')}
          hint={t('auth.password.hint')}
          autocomplete="new-password"
          error={errorOf(errors, 'password')}
          required
        />
        <button>{t('auth.signup.submit')}</button>
      </form>
      <p>
        {t('auth.signup.hasaccount')} <a href="/connexion">{t('auth.signin.link')}</a>
      </p>
    </Layout>
  );
}

function PhoneForm({ ctx, errors, values, withName, submit }: AuthFormProps & { withName?: boolean; submit: string }) {
  const { t } = ctx.i18n;
  return (
    <form method="post" action="/connexion/telephone" class="card">
      <h2>{t('auth.phone.title')}</h2>
      <CsrfField token={ctx.csrf} />
      {withName && <Field name="name" label={t('auth.name.label')} autocomplete="name" value={values?.name} maxLength={120} />}
      <Field
        name="phone"
        type="tel"
        label={t('auth.phone.label')}
        hint={t('auth.phone.hint')}
        autocomplete="tel"
        inputmode="tel"
        value={values?.phone}
        error={errorOf(errors, 'phone')}
        required
      />
      <button>{submit}</button>
    </form>
  );
}
