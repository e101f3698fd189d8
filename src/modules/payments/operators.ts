// The operators a payer may choose, as configured for the country (PAYMENT_OPERATORS). Their names are brands,
// written the same in every language.
import { OPERATORS, type Operator } from './providers/types.ts';

export const OPERATOR_NAMES: Record<Operator, string> = {
  orange: 'Orange Money',
  wave: 'Wave',
  moov: 'Moov Money',
  mtn: 'MTN Mobile Money',
  airtel: 'Airtel Money',
  free: 'Free Money',
};

export const isOperator = (v: string): v is Operator => (OPERATORS as readonly string[]).includes(v);

/** The configured operators that Guichet knows, in the configured order. */
export function offeredOperators(configured: string[]): Operator[] {
  return configured.filter(isOperator);
}

export const operatorName = (code: string): string => (isOperator(code) ? OPERATOR_NAMES[code] : code);
