// Reads a provider's statement (CSV, as CinetPay's back office and the operators export them): one line per
// transaction, with a header naming the columns. Separator `;` or `,`, quoted fields, UTF-8 with or without
// BOM. Only the transaction id (ours: the id we gave the provider), the amount and the status are used.

export interface StatementLine {
  line: number;
  transactionId: string;
  amount: number;
  paid: boolean;
}

export type ParsedStatement = { ok: true; lines: StatementLine[] } | { ok: false; reason: 'empty' | 'columns' | 'too-long' | 'amount'; line?: number };

export const STATEMENT_MAX_LINES = 20_000;

const ID_COLUMNS = ['transaction_id', 'cpm_trans_id', 'id_transaction', 'transaction', 'merchant_transaction_id', 'reference'];
const AMOUNT_COLUMNS = ['amount', 'montant', 'cpm_amount'];
const STATUS_COLUMNS = ['status', 'statut', 'etat', 'état'];
const PAID = /^(accepted|success|succes|succès|successful|paid|payé|paye|completed|ok)$/i;

function splitLine(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) cells.push(cell.trim()), (cell = '');
    else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

export function parseStatement(text: string): ParsedStatement {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (rows.length < 2) return { ok: false, reason: 'empty' };
  if (rows.length > STATEMENT_MAX_LINES + 1) return { ok: false, reason: 'too-long' };
  const header = rows[0]!;
  const sep = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const names = splitLine(header, sep).map((h) => h.toLowerCase());
  const find = (candidates: string[]) => names.findIndex((n) => candidates.includes(n));
  const [idCol, amountCol, statusCol] = [find(ID_COLUMNS), find(AMOUNT_COLUMNS), find(STATUS_COLUMNS)];
  if (idCol < 0 || amountCol < 0) return { ok: false, reason: 'columns' };
  const lines: StatementLine[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = splitLine(rows[i]!, sep);
    const id = cells[idCol] ?? '';
    if (!id) continue;
    // "1 000", "1000", "1000.00", "1 000,00": whole francs only.
    const raw = (cells[amountCol] ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(/[.,]00$/, '');
    if (!/^\d{1,12}$/.test(raw)) return { ok: false, reason: 'amount', line: i + 1 };
    lines.push({ line: i + 1, transactionId: id.slice(0, 100), amount: Number(raw), paid: statusCol < 0 ? true : PAID.test(cells[statusCol] ?? '') });
  }
  return { ok: true, lines };
}
