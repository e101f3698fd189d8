// A dossier's answers, read-only and written for people: one list per page of the form that applies, in
// the form's order; hidden pages and questions, and the agents' private fields, left out.
import type { ComponentChildren } from 'preact';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { I18n } from '../../../platform/i18n/index.ts';
import {
  isEmpty,
  isInput,
  textIn,
  visibleAnswers,
  visibleChildren,
  visibleFields,
  visibleSections,
  type Answer,
  type Answers,
  type AttachmentRef,
  type Country,
  type Field,
  type FormDefinition,
  type InputField,
  type Locale,
  type RepeatField,
  type TerritoryValue,
} from '../../forms/index.ts';
import { dmy, fileSize, fixed, optionLabel, territoryTree, type TerritoriesInput } from './section-fields.tsx';

export interface TerritoryNames {
  region?: string;
  department?: string;
  commune?: string;
}

export interface AnswersViewProps {
  def: FormDefinition;
  answers: Answers;
  i18n: I18n;
  locale: Locale;
  /** The country the service runs in. */
  country: Country;
  territories?: TerritoriesInput;
  /** Names of a territory's codes, when the caller has them otherwise than as `territories`. */
  names?: (value: TerritoryValue, country: Country) => TerritoryNames;
  fileHref: (ref: AttachmentRef) => string;
  /** The review page's "Modifier" link of each page. */
  sectionHref?: (sectionId: string) => string;
  /** The level of each page's title: 2 (default) under the page's h1, 3 under an h2 of the caller's. */
  headingLevel?: 2 | 3;
}

type Input = InputField | RepeatField;

export function AnswersView(props: AnswersViewProps) {
  const { def, answers, i18n, locale, sectionHref } = props;
  const { t } = i18n;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const outer = visibleAnswers(def, answers);
  return (
    <div class="answers">
      {visibleSections(def, answers).map((section) => {
        const fields = visibleFields(def, answers, { section: section.id }).filter((f): f is Input => isInput(f));
        if (fields.length === 0) return null;
        const title = textIn(section.title, locale);
        return (
          <section>
            <H>{title}</H>
            {sectionHref && (
              <p>
                <a href={sectionHref(section.id)} aria-label={t('dossiers.field.editsection', { section: title })}>
                  {t('dossiers.field.edit')}
                </a>
              </p>
            )}
            <dl class="facts">{fields.map((f) => row(props, f, Object.hasOwn(answers, f.id) ? answers[f.id] : undefined, outer))}</dl>
          </section>
        );
      })}
    </div>
  );
}

function row(p: AnswersViewProps, field: Input, value: Answer | undefined, outer: Answers): ComponentChildren {
  const shown = field.type === 'repeat' ? items(p, field, value, outer) : formatted(p, field, value);
  return (
    <>
      <dt>{textIn(field.label, p.locale)}</dt>
      <dd>{shown ?? <span class="meta">{p.i18n.t(field.required ? 'dossiers.field.missing' : 'dossiers.field.empty')}</span>}</dd>
    </>
  );
}

function items(p: AnswersViewProps, field: RepeatField, value: Answer | undefined, outer: Answers): ComponentChildren {
  if (!Array.isArray(value) || value.length === 0) return null;
  const label = textIn(field.itemLabel, p.locale) || p.i18n.t('dossiers.field.item');
  return (
    <ol class="items">
      {value.map((item, n) => {
        if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
        const answers = item as Answers;
        const children = visibleChildren(field, answers, outer).filter((c): c is InputField => isInput(c as Field));
        return (
          <li>
            <strong>{p.i18n.t('dossiers.field.itemn', { item: label, n: n + 1 })}</strong>
            <dl class="facts">{children.map((c) => row(p, c, Object.hasOwn(answers, c.id) ? answers[c.id] : undefined, outer))}</dl>
          </li>
        );
      })}
    </ol>
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fileLink(p: AnswersViewProps, ref: unknown): ComponentChildren {
  if (!isRecord(ref) || typeof ref.name !== 'string' || typeof ref.size !== 'number') return null;
  const file = ref as unknown as AttachmentRef;
  return (
    <>
      <a href={p.fileHref(file)}>{file.name}</a> ({fileSize(file.size, p.i18n)})
    </>
  );
}

/** One answer in words, or null when there is none. */
export function formatted(p: AnswersViewProps, field: InputField, value: Answer | undefined): ComponentChildren {
  const { i18n, locale } = p;
  const { t } = i18n;
  if (field.type === 'checkbox') return value === undefined ? null : t(value === true ? 'forms.yes' : 'forms.no');
  if (value === undefined || isEmpty(value)) return null;
  const sep = locale === 'en' ? '.' : ',';
  switch (field.type) {
    case 'yesno':
      return typeof value === 'boolean' ? t(value ? 'forms.yes' : 'forms.no') : null;
    case 'amount':
      return typeof value === 'number' ? i18n.money(value) : null;
    case 'integer':
      return typeof value === 'number' ? String(value) : null;
    case 'decimal':
      return typeof value === 'number' ? fixed(value, field.decimals ?? 2, sep) : null;
    case 'date': {
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      // Midday UTC is the same calendar day in every zone the platform serves.
      return m ? i18n.date(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12))) : typeof value === 'string' ? dmy(value) : null;
    }
    case 'datetime': {
      const instant = typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isNaN(instant) ? null : i18n.dateTime(new Date(instant));
    }
    case 'phone':
      return typeof value === 'string' ? (parsePhoneNumberFromString(value)?.formatInternational() ?? value) : null;
    case 'choice':
      return typeof value === 'string' ? optionLabel(field.options, value, locale) : null;
    case 'multichoice':
      return Array.isArray(value) ? (
        <ul>
          {value.map((v) => (typeof v === 'string' ? <li>{optionLabel(field.options, v, locale)}</li> : null))}
        </ul>
      ) : null;
    case 'territory': {
      if (!isRecord(value) || typeof value.region !== 'string') return null;
      const names = territoryNames(p, value as unknown as TerritoryValue, field.country ?? p.country);
      return [names.commune, names.department, names.region].filter(Boolean).join(', ');
    }
    case 'address': {
      if (!isRecord(value)) return null;
      const lines = [value.line, [value.commune, value.city].filter(Boolean).join(', ')].filter((x): x is string => typeof x === 'string' && x !== '');
      return lines.map((l, i) => (i === 0 ? l : [<br />, l]));
    }
    case 'geo':
      return isRecord(value) && typeof value.lat === 'number' && typeof value.lon === 'number' ? `${value.lat}, ${value.lon}` : null;
    case 'attachment':
      return fileLink(p, value);
    case 'identityDocument': {
      if (!isRecord(value)) return null;
      const kind = ['cni', 'passport', 'consular', 'other'].includes(String(value.kind)) ? t(`forms.idkind.${value.kind as 'cni'}`) : '';
      return (
        <>
          {kind} {typeof value.number === 'string' ? value.number : ''}
          <br />
          {fileLink(p, value.file)}
        </>
      );
    }
    default:
      return typeof value === 'string' ? <span class="text">{value}</span> : String(value);
  }
}

function territoryNames(p: AnswersViewProps, value: TerritoryValue, country: Country): TerritoryNames {
  if (p.names) return p.names(value, country);
  const tree = territoryTree(p.territories, country, p.country);
  const region = tree?.regions.find((r) => r.code === value.region);
  const department = region?.departments.find((d) => d.code === value.department);
  const commune = department?.communes.find((c) => c.code === value.commune);
  return {
    region: region?.name ?? value.region,
    department: value.department === undefined ? undefined : (department?.name ?? value.department),
    commune: value.commune === undefined ? undefined : (commune?.name ?? value.commune),
  };
}
