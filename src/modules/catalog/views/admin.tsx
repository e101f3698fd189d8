// Back-office pages for fiches: the list a manager may edit, and the edit form with preview and audio.
import { Layout } from '../../../platform/ui/layout.tsx';
import { Checkbox, CsrfField, ErrorSummary, Field, Notice, Select, TextArea, type FieldError } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { LANGUAGE_NAMES } from '../../../platform/i18n/index.ts';
import { LOCALES } from '../../../config.ts';
import { CATEGORIES } from '../pack-schema.ts';
import type { FicheEdit } from '../admin-service.ts';

export function AdminListPage({ ctx, items }: { ctx: PageContext; items: { id: string; slug: string; title: string; published: boolean; updatedAt: Date; administrationName: string }[] }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('admin.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { label: t('admin.title') }]}>
      <h1>{t('admin.title')}</h1>
      <p>{t('admin.lead', { count: items.length })}</p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('admin.col.title')}</th>
            <th scope="col">{t('fiche.administration')}</th>
            <th scope="col">{t('admin.col.status')}</th>
            <th scope="col">{t('fiche.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr>
              <td>
                <a href={`/admin/demarches/${p.id}`}>{p.title}</a>
              </td>
              <td>{p.administrationName}</td>
              <td>{p.published ? t('admin.published') : t('admin.unpublished')}</td>
              <td>{ctx.i18n.date(p.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export interface AdminEditProps {
  ctx: PageContext;
  id: string;
  slug: string;
  editLocale: string;
  edit: FicheEdit;
  errors?: FieldError[];
  saved?: boolean;
  audio?: { mime: string; size: number } | null;
}

export function AdminEditPage({ ctx, id, slug, editLocale, edit, errors = [], saved, audio }: AdminEditProps) {
  const { t } = ctx.i18n;
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const lines = (v: string[] | undefined) => (v ?? []).join('\n');
  const title = edit.texts.title ?? slug;
  return (
    <Layout ctx={ctx} title={t('admin.edit.title', { title })} breadcrumb={[{ href: '/admin', label: t('admin.title') }, { label: title }]}>
      <h1>{t('admin.edit.title', { title })}</h1>
      {saved && <Notice kind="success">{t('admin.saved')}</Notice>}
      <ErrorSummary title={t('form.errors')} errors={errors} />
      <nav class="tabs" aria-label={t('admin.edit.languages')}>
        {LOCALES.map((l) =>
          l === editLocale ? <strong aria-current="page">{LANGUAGE_NAMES[l]}</strong> : <a href={`/admin/demarches/${id}?langue=${l}`}>{LANGUAGE_NAMES[l]}</a>,
        )}
      </nav>
      <p>
        <a href={`/demarches/${slug}`}>{t('admin.edit.public')}</a>
      </p>
      <p><a href={`/admin/demarches/${id}/formulaire`}>{t('builder.link')}</a></p>
      <form method="post" action={`/admin/demarches/${id}?langue=${editLocale}`} class="card">
        <CsrfField token={ctx.csrf} />
        <fieldset>
          <legend>{t('admin.edit.common')}</legend>
          <Select name="category" label={t('admin.field.category')} value={edit.category} error={err('category')} options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
          <Field name="cost" label={t('admin.field.cost')} hint={t('admin.field.cost.hint')} inputmode="numeric" value={edit.costXof?.toString() ?? ''} error={err('cost')} />
          <Field name="delayDays" label={t('admin.field.delaydays')} inputmode="numeric" value={edit.delayDays?.toString() ?? ''} error={err('delayDays')} />
          <Checkbox name="onlineAvailable" label={t('admin.field.online')} checked={edit.onlineAvailable} />
          <Field name="onlineUrl" label={t('admin.field.onlineurl')} value={edit.onlineUrl ?? ''} error={err('onlineUrl')} />
          <Checkbox name="published" label={t('admin.field.published')} checked={edit.published} />
        </fieldset>
        <fieldset lang={editLocale}>
          <legend>{t('admin.edit.texts', { language: LANGUAGE_NAMES[editLocale as 'fr'] })}</legend>
          {editLocale !== 'fr' && <p class="hint">{t('admin.edit.fallback')}</p>}
          <Field name="title" label={t('admin.field.title')} value={edit.texts.title} error={err('title')} maxLength={200} />
          <TextArea name="summary" label={t('admin.field.summary')} value={edit.texts.summary} error={err('summary')} rows={3} />
          <TextArea name="who" label={t('fiche.who')} value={edit.texts.who} error={err('who')} rows={2} />
          <TextArea name="steps" label={t('fiche.steps')} hint={t('admin.field.lines')} value={lines(edit.texts.steps)} error={err('steps')} rows={6} />
          <TextArea name="documents" label={t('fiche.documents')} hint={t('admin.field.lines')} value={lines(edit.texts.documents)} error={err('documents')} rows={6} />
          <Field name="cost_note" label={t('admin.field.costnote')} value={edit.texts.cost_note} error={err('cost_note')} />
          <Field name="delay" label={t('admin.field.delay')} value={edit.texts.delay} error={err('delay')} />
          <TextArea name="legal_basis" label={t('fiche.legal')} hint={t('admin.field.lines')} value={lines(edit.texts.legal_basis)} error={err('legal_basis')} rows={3} />
          <TextArea name="complaint" label={t('fiche.complaint')} value={edit.texts.complaint} error={err('complaint')} rows={3} />
        </fieldset>
        <div class="actions">
          <button name="action" value="save">{t('admin.save')}</button>
          <button name="action" value="preview" class="secondary">{t('admin.preview')}</button>
        </div>
      </form>
      <form method="post" action={`/admin/demarches/${id}/audio?langue=${editLocale}&_csrf=${encodeURIComponent(ctx.csrf ?? '')}`} enctype="multipart/form-data" class="card">
        <h2>{t('admin.audio.title', { language: LANGUAGE_NAMES[editLocale as 'fr'] })}</h2>
        <p>{audio ? t('admin.audio.present', { size: Math.ceil(audio.size / 1024) }) : t('admin.audio.none')}</p>
        <div class="field">
          <label for="f-audio">{t('admin.audio.file')}</label>
          <p class="hint" id="f-audio-hint">{t('admin.audio.hint')}</p>
          <input id="f-audio" type="file" name="audio" accept="audio/*" aria-describedby="f-audio-hint" required />
        </div>
        <button>{t('admin.audio.upload')}</button>
      </form>
    </Layout>
  );
}
