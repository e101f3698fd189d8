// The payment receipt: a sealed document (documents module, kind 'payment-receipt') issued in the same
// transaction that confirms the payment, so a confirmed payment always has its receipt and never two.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/http/types.ts';
import type { DB } from '../../platform/db/schema.ts';
import { issueDocument } from '../documents/index.ts';
import { maskPhone } from '../accounts/index.ts';
import { operatorName } from './operators.ts';
import { dossierForReceipt } from './store.ts';

const CAPITALS: Record<string, string> = { ne: 'Niamey', sn: 'Dakar', ci: 'Abidjan' };

/** 1000 → "1 000 FCFA", as amounts are written in the region. */
export function formatXof(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')} FCFA`;
}

export async function issueReceipt(
  ctx: AppContext,
  trx: Kysely<DB>,
  p: { id: string; dossierId: string; amount: number; operator: string; phone: string; providerRef: string | null; provider: string; at: Date },
): Promise<string> {
  const dossier = await dossierForReceipt(trx, p.dossierId);
  if (!dossier) throw new Error(`no dossier ${p.dossierId} for the receipt of payment ${p.id}`);
  const when = new Intl.DateTimeFormat('fr-FR', { timeZone: ctx.config.timeZone, dateStyle: 'long', timeStyle: 'short' }).format(p.at);
  const issued = await issueDocument(
    ctx,
    {
      kind: 'payment-receipt',
      issuerAdministrationId: dossier.administrationId,
      dossierId: p.dossierId,
      holder: { name: dossier.holderName || dossier.reference },
      title: 'Reçu de paiement',
      lines: [
        { label: 'Démarche', value: dossier.procedureTitle },
        { label: 'Dossier', value: dossier.reference },
        { label: 'Montant payé', value: formatXof(p.amount) },
        { label: 'Opérateur', value: operatorName(p.operator) },
        { label: 'Numéro du payeur', value: maskPhone(p.phone) },
        { label: "Transaction de l'opérateur", value: p.providerRef ?? p.id },
        { label: 'Référence du paiement', value: p.id },
        { label: 'Date du paiement', value: when },
      ],
      place: CAPITALS[ctx.config.country] ?? '',
      signatory: 'Guichet — paiements en ligne',
    },
    trx,
  );
  return issued.id;
}
