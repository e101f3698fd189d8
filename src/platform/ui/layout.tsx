import type { ComponentChildren } from 'preact';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { LOCALES } from '../../config.ts';
import { stylesheet } from './assets.ts';
import type { PageContext } from './page-context.ts';
import { Breadcrumb, type Crumb } from './components.tsx';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  description?: string;
  breadcrumb?: Crumb[];
  children: ComponentChildren;
}

export function Layout({ ctx, title, description, breadcrumb, children }: LayoutProps) {
  const { t } = ctx.i18n;
  return (
    <html lang={ctx.i18n.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${title} · Guichet`}</title>
        {description && <meta name="description" content={description} />}
        <link rel="stylesheet" href={stylesheet.href} />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('layout.skip')}
        </a>
        <header class="top">
          <div class="wrap bar">
            <a class="brand" href="/">
              Guichet<small>{ctx.countryName}</small>
            </a>
            <AccountNav ctx={ctx} />
          </div>
          <LanguageSwitch ctx={ctx} />
        </header>
        <main id="main" class="wrap">
          {breadcrumb && <Breadcrumb label={t('layout.breadcrumb')} items={breadcrumb} />}
          {children}
        </main>
        <footer class="foot">
          <div class="wrap">
            <a href="/demarches">{t('nav.procedures')}</a> · <a href="/api/v1/openapi.json">API</a>
            <p>{t('layout.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function AccountNav({ ctx }: { ctx: PageContext }) {
  const { t } = ctx.i18n;
  if (!ctx.user) {
    return (
      <nav class="acct" aria-label={t('nav.account')}>
        <a href="/connexion">{t('nav.signin')}</a>
      </nav>
    );
  }
  const staff = ctx.user.role === 'manager' || ctx.user.role === 'operator';
  return (
    <nav class="acct" aria-label={t('nav.account')}>
      {staff && <a href="/admin">{t('nav.admin')}</a>}
      <a href="/mes-dossiers">{t('nav.mydossiers')}</a>
      <a href="/mon-compte">{t('nav.myaccount')}</a>
      <form method="post" action="/deconnexion">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
        <button class="link">{t('nav.signout')}</button>
      </form>
    </nav>
  );
}

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  const [path, query = ''] = ctx.url.split('?');
  const params = new URLSearchParams(query);
  return (
    <nav class="wrap langs" aria-label={ctx.i18n.t('nav.language')}>
      {LOCALES.map((l) => {
        params.set('lang', l);
        return l === ctx.i18n.locale ? (
          <strong lang={l} aria-current="true">
            {LANGUAGE_NAMES[l]}
          </strong>
        ) : (
          <a lang={l} hreflang={l} href={`${path}?${params.toString()}`}>
            {LANGUAGE_NAMES[l]}
          </a>
        );
      })}
    </nav>
  );
}
