// The page where a procedure's managers write what its applicants receive at each step: a table of steps ×
// languages saying whose text goes out, and, for the chosen pair, the editor with the SMS count and a preview
// filled with a sample dossier. Plain forms: works without JavaScript.
import { LOCALES, type Locale } from '../../../config.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, Field, Notice, TextArea } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { LANGUAGE_NAMES, type MessageKey } from '../../../platform/i18n/index.ts';
import { NEWS_KINDS, PLACEHOLDERS, placeholdersFor, type NewsKind, type TemplateSet } from '../../dossiers/index.ts';
import { shownChars, type Checked, type TemplatesView } from '../notification-templates.ts';
import { ROUTING, routingPath } from '../paths.ts';

export const notificationsPath = (procedureId: string) => `${routingPath(procedureId)}/notifications`;
export const editorPath = (procedureId: string, kind: NewsKind, locale: Locale) => `${notificationsPath(procedureId)}?evenement=${kind}&langue=${locale}#editeur`;

export type TemplatesNotice = 'saved' | 'deleted' | 'frenchneeded' | 'choose';
const NOTICE_KEYS: Record<TemplatesNotice, MessageKey> = {
  saved: 'notifications.saved',
  deleted: 'notifications.deleted',
  frenchneeded: 'notifications.error.frenchneeded',
  choose: 'notifications.error.choose',
};

export interface Editor {
  kind: NewsKind;
  locale: Locale;
  set: TemplateSet;
  checked: Checked;
  /** Whether the problems found are shown (after a preview or a refused save, not on a first look). */
  showErrors: boolean;
}

export function NotificationTemplatesPage({ ctx, view, editor, notice }: { ctx: PageContext; view: TemplatesView; editor?: Editor; notice?: TemplatesNotice }) {
  const { t } = ctx.i18n;
  const kindName = (k: NewsKind) => t(`notifications.kind.${k}` as MessageKey);
  return (
    <Layout
      ctx={ctx}
      title={`${t('notifications.title')} — ${view.procedure.title}`}
      breadcrumb={[{ href: ROUTING, label: t('instruction.routing.title') }, { href: routingPath(view.procedure.id), label: view.procedure.title }, { label: t('notifications.title') }]}
    >
      {notice && <Notice kind={notice === 'saved' || notice === 'deleted' ? 'success' : 'warning'}>{t(NOTICE_KEYS[notice])}</Notice>}
      <h1>{t('notifications.title')}</h1>
      <p>{view.procedure.title}</p>
      <p>{t('notifications.lead')}</p>
      <p>{t('notifications.fallback')}</p>
      <table>
        <caption>{t('notifications.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('notifications.col.kind')}</th>
            {LOCALES.map((l) => (
              <th scope="col" lang={l}>
                {LANGUAGE_NAMES[l]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NEWS_KINDS.map((k) => (
            <tr>
              <th scope="row">{kindName(k)}</th>
              {LOCALES.map((l) => {
                const source = view.own[k]?.[l] ? t('notifications.own') : t('notifications.platform');
                const current = editor?.kind === k && editor.locale === l;
                return (
                  <td>
                    <a href={editorPath(view.procedure.id, k, l)} aria-label={t('notifications.editof', { kind: kindName(k), language: LANGUAGE_NAMES[l], source })} aria-current={current ? 'true' : undefined}>
                      {view.own[k]?.[l] ? <strong>{source}</strong> : source}
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {editor && <EditorForm ctx={ctx} view={view} editor={editor} />}
    </Layout>
  );
}

function EditorForm({ ctx, view, editor }: { ctx: PageContext; view: TemplatesView; editor: Editor }) {
  const { t } = ctx.i18n;
  const { kind, locale, set, checked } = editor;
  const action = notificationsPath(view.procedure.id);
  const own = !!view.own[kind]?.[locale];
  const allowed = new Set([...placeholdersFor(kind, 'sms'), ...placeholdersFor(kind, 'body')]);
  const { typed, worst } = checked.sms;
  return (
    <section id="editeur" aria-labelledby="editeur-titre">
      <h2 id="editeur-titre">{t('notifications.editor.title', { kind: t(`notifications.kind.${kind}` as MessageKey), language: LANGUAGE_NAMES[locale] })}</h2>
      <p>{own ? t('notifications.editor.own') : t('notifications.editor.platform')}</p>
      {editor.showErrors && checked.errors.length > 0 && (
        <div class="summary" role="alert">
          <h3>{t('notifications.errors')}</h3>
          <ul>
            {checked.errors.map((e) => (
              <li>{t(e.key, e.params)}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('notifications.placeholders.title')}</h3>
      <p>{t('notifications.placeholders.lead')}</p>
      <ul>
        {PLACEHOLDERS.filter((p) => allowed.has(p)).map((p) => (
          <li>
            <code>{`{${p}}`}</code> : {t(`notifications.placeholder.${p}` as MessageKey)}
          </li>
        ))}
      </ul>
      <form method="post" action={action} class="card">
        <CsrfField token={ctx.csrf} />
        <input type="hidden" name="evenement" value={kind} />
        <input type="hidden" name="langue" value={locale} />
        <TextArea name="sms" label={t('notifications.field.sms')} hint={t('notifications.field.smshint')} value={set.sms} rows={3} lang={locale} />
        <p class="hint" role="status">
          {typed.encoding === 'gsm7'
            ? t('notifications.count.gsm7', { units: typed.units, segments: typed.segments })
            : t('notifications.count.ucs2', { units: typed.units, segments: typed.segments, chars: shownChars(typed.nonGsm, ctx.i18n.locale) })}{' '}
          {t('notifications.count.worst', { segments: worst.segments })}
        </p>
        <Field name="objet" label={t('notifications.field.subject')} value={set.subject} />
        <TextArea name="corps" label={t('notifications.field.body')} value={set.body} rows={10} lang={locale} />
        <button type="submit" name="faire" value="enregistrer">
          {t('notifications.save')}
        </button>{' '}
        <button type="submit" name="faire" value="apercu" class="secondary">
          {t('notifications.preview')}
        </button>
      </form>
      {own && (
        <form method="post" action={action}>
          <CsrfField token={ctx.csrf} />
          <input type="hidden" name="evenement" value={kind} />
          <input type="hidden" name="langue" value={locale} />
          <button type="submit" name="faire" value="supprimer" class="link">
            {t('notifications.delete')}
          </button>
        </form>
      )}
      <h3>{t('notifications.preview.title')}</h3>
      <h4>{t('notifications.preview.sms')}</h4>
      <pre lang={locale} class="preview-sms">
        {checked.preview.sms}
      </pre>
      <h4>{t('notifications.preview.email')}</h4>
      <p lang={locale}>
        <strong>{t('notifications.preview.subject', { subject: checked.preview.subject })}</strong>
      </p>
      <pre lang={locale} class="preview-email">
        {checked.preview.body}
      </pre>
    </section>
  );
}
