// Reading urlencoded form bodies defensively: a field is a string (arrays, objects and missing values become
// ''), NUL bytes are dropped and length is capped, so services only ever see bounded, plain text.
export function formField(body: unknown, name: string, max = 1000): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value.replace(/\0/g, '').slice(0, max) : '';
}

/** A field sent several times (checkboxes): its string values, bounded in number and length. */
export function formList(body: unknown, name: string, max = 200, maxLength = 64): string[] {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string').slice(0, max).map((v) => v.replace(/\0/g, '').slice(0, maxLength));
}
