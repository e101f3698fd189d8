import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, type FieldError } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';

export function CodePage({ ctx, maskedPhone, phone, errors = [] }: { ctx: PageContext; maskedPhone: string; phone: string; errors?: FieldError[] }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('auth.code.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { href: '/connexion', label: t('auth.signin.title') }, { label: t('auth.code.title') }]}>
      <h1>{t('auth.code.title')}</h1>
      <ErrorSummary title={t('form.errors')} errors={errors} />
      <p>{t('auth.code.sent', { phone: maskedPhone })}</p>
      <form method="post" action="/connexion/code" class="card">
        <CsrfField token={ctx.csrf} />
        <Field
          name="code"
          label={t('auth.code.label')}
          hint={t('auth.code.hint')}
          autocomplete="one-time-code"
          inputmode="numeric"
          maxLength={7}
          error={errors.find((e) => e.field === 'code')?.message}
          required
        />
        <button>{t('auth.code.submit')}</button>
      </form>
      <form method="post" action="/connexion/telephone">
        <CsrfField token={ctx.csrf} />
        <input type="hidden" name="phone" value={phone} />
        <button class="link">{t('auth.code.resend')}</button>
      </form>
    </Layout>
  );
}
