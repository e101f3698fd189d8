// Human references of dossiers: DOS-2026-7K3F9Q. Six random characters of Crockford's base 32 (no I, L, O,
// U: nothing to misread when dictated on the phone) give a billion per year: unguessable, and revealing no
// volume, unlike a counter.
import { randomInt } from 'node:crypto';
import { CROCKFORD } from '../../platform/db/ids.ts';

export function newReference(year: number): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return `DOS-${year}-${code}`;
}
