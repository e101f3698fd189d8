// `guichet audit-verify [--anchor <seq>:<hash>]`: re-checks the audit chain and says so in one French line,
// for an operator's cron job or a supervisor's check. Exit code 0 when intact, 1 at the first broken link.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { verifyAuditChain, type AuditBreak } from '../platform/audit/index.ts';

const WHY: Record<AuditBreak, string> = {
  altered: "son contenu a été modifié (l'empreinte recalculée ne correspond pas)",
  missing: 'elle a disparu (entrée supprimée)',
  broken_link: "elle ne suit pas l'entrée précédente (entrées supprimées, déplacées ou insérées)",
  head_mismatch: "la tête du journal ne correspond pas à cette dernière entrée",
  anchor_mismatch: "son empreinte diffère de celle publiée",
};

export async function auditVerify(
  db: Kysely<DB>,
  args: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const { values } = parseArgs({ args, options: { anchor: { type: 'string' } } });
  let anchor: { seq: number; hash: string } | undefined;
  if (values.anchor !== undefined) {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(values.anchor);
    if (!m || Number(m[1]) < 1) {
      err('--anchor attend <numéro>:<empreinte SHA-256 en hexadécimal>, par exemple 1200:3f5a…');
      return 1;
    }
    anchor = { seq: Number(m[1]), hash: m[2]! };
  }
  const result = await verifyAuditChain(db, { anchor });
  if (result.ok) {
    const n = result.count;
    out(`journal d'audit intègre : ${n} entrée${n > 1 ? 's' : ''}, dernière empreinte ${result.lastHash}`);
    return 0;
  }
  err(`journal d'audit rompu à l'entrée n° ${result.seq} : ${WHY[result.reason]}`);
  return 1;
}
