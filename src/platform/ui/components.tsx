// Accessible building blocks shared by every page: labels tied to inputs, hints and errors announced with
// the field, an error summary that links to each field, notices and pagination.
import type { ComponentChildren } from 'preact';

export interface Crumb {
  href?: string;
  label: string;
}

export function Breadcrumb({ label, items }: { label: string; items: Crumb[] }) {
  return (
    <nav class="crumbs" aria-label={label}>
      <ol>
        {items.map((c, i) => (
          <li>{c.href && i < items.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  type?: 'text' | 'tel' | 'email' | 'password' | 'search' | 'number';
  value?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  required?: boolean;
  maxLength?: number;
}

/** The ids a field's input is described by: its hint and its error, when shown. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

/** A field's hint and error, with the ids `describedBy` names. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/**
 * A labelled field: its label, hint and error around the control `input` draws, given the control's id and
 * what describes it.
 */
function Labelled(p: { name: string; label: string; hint?: string; error?: string; input: (id: string, described: string | undefined) => ComponentChildren }) {
  const id = `f-${p.name}`;
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      <FieldNotes id={id} hint={p.hint} error={p.error} />
      {p.input(id, describedBy(id, p.hint, p.error))}
    </div>
  );
}

export function Field(p: FieldProps) {
  return (
    <Labelled
      {...p}
      input={(id, described) => (
        <input
          id={id}
          name={p.name}
          type={(p.type ?? 'text') as 'text'}
          value={p.value ?? ''}
          autocomplete={p.autocomplete}
          inputMode={p.inputmode}
          required={p.required}
          maxLength={p.maxLength}
          aria-describedby={described}
          aria-invalid={p.error ? 'true' : undefined}
        />
      )}
    />
  );
}

export interface FieldError {
  field: string;
  message: string;
}

export function ErrorSummary({ title, errors }: { title: string; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="summary" role="alert" tabIndex={-1}>
      <h2>{title}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#f-${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`notice ${kind}`} role={kind === 'info' ? 'status' : 'alert'}>
      {children}
    </div>
  );
}

export function CsrfField({ token }: { token: string | null }) {
  return <input type="hidden" name="_csrf" value={token ?? ''} />;
}

export interface PaginationProps {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
  labels: { nav: string; previous: string; next: string; page: (n: number) => string };
}

export function Pagination({ page, pages, hrefFor, labels }: PaginationProps) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages);
  return (
    <nav class="pages" aria-label={labels.nav}>
      {page > 1 && (
        <a href={hrefFor(page - 1)} rel="prev">
          {labels.previous}
        </a>
      )}
      {shown.map((n) =>
        n === page ? (
          <strong aria-current="page">{n}</strong>
        ) : (
          <a href={hrefFor(n)} aria-label={labels.page(n)}>
            {n}
          </a>
        ),
      )}
      {page < pages && (
        <a href={hrefFor(page + 1)} rel="next">
          {labels.next}
        </a>
      )}
    </nav>
  );
}

export function TextArea(p: { name: string; label: string; hint?: string; error?: string; value?: string; rows?: number; lang?: string }) {
  return (
    <Labelled
      {...p}
      input={(id, described) => (
        <textarea id={id} name={p.name} rows={p.rows ?? 4} lang={p.lang} aria-describedby={described} aria-invalid={p.error ? 'true' : undefined}>
          {p.value ?? ''}
        </textarea>
      )}
    />
  );
}

export function Select(p: { name: string; label: string; hint?: string; value: string; options: { value: string; label: string }[]; error?: string; focus?: boolean }) {
  return (
    <Labelled
      {...p}
      input={(id, described) => (
        <select id={id} name={p.name} aria-describedby={described} aria-invalid={p.error ? 'true' : undefined} data-focus={p.focus || undefined}>
          {p.options.map((o) => (
            <option value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function Checkbox(p: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field check">
      <input type="checkbox" id={`f-${p.name}`} name={p.name} checked={p.checked} />
      <label for={`f-${p.name}`}>{p.label}</label>
    </div>
  );
}
