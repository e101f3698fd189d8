// What the forms engine needs from outside when it checks answers here: the clock, the service's time zone
// and country, and the territories of the three countries.
import type { Config } from '../../config.ts';
import { COUNTRIES, type Answers, type AttachmentRef, type ValidationContext } from '../forms/index.ts';
import { territoriesOf } from '../territories/index.ts';

export function validationContext(config: Pick<Config, 'country' | 'timeZone'>, now: Date): ValidationContext {
  return {
    now,
    timeZone: config.timeZone,
    country: config.country,
    territories: Object.fromEntries(COUNTRIES.map((c) => [c, territoriesOf(c)])),
  };
}

/** The year of `now` where the service runs: a reference filed on 31 December at 23:30 in Niamey is of that year. */
export function localYear(now: Date, timeZone: string): number {
  let format = yearFormats.get(timeZone);
  if (!format) yearFormats.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })));
  return Number(format.format(now));
}
// Building an Intl formatter costs far more than using one.
const yearFormats = new Map<string, Intl.DateTimeFormat>();

/** Every file an answer set refers to (attachments, identity documents, at any depth). */
export function filesOf(answers: Answers): AttachmentRef[] {
  const found: AttachmentRef[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    if ('sha256' in value && 'id' in value) return void found.push(value as AttachmentRef);
    Object.values(value).forEach(visit);
  };
  visit(answers);
  return found;
}
