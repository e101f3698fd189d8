// Reading urlencoded form bodies defensively: a field is a string (arrays, objects and missing values become
// ''), NUL bytes are dropped and length is capped, so services only ever see bounded, plain text.
export function formField(body: unknown, name: string, max = 1000): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value.replace(/\0/g, '').slice(0, max) : '';
}
