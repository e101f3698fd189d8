// How many SMS a text costs. A text whose every character is in the GSM 03.38 alphabet travels in 7-bit
// septets: 160 in one SMS, 153 per part once it is split (the other 7 carry the concatenation header).
// One character outside it (œ, ’, ê, ç, an emoji…) sends the whole text as UCS-2: 70 characters in one SMS,
// 67 per part. Operators bill per part, and a phone may show a long text late or in pieces, so the back office
// shows the count before a template is saved.

export type SmsEncoding = 'gsm7' | 'ucs2';

// The GSM 03.38 default alphabet (without the escape code), as Unicode. Note what is missing: French's
// ê â î ô û ë ï ç (only É, é, è, à, ù, ì, ò and Ç are there) and the typographic apostrophe ’.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// The extension table: each costs two septets (escape + code), and a part never ends between the two.
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

export const SINGLE = { gsm7: 160, ucs2: 70 } as const;
export const PART = { gsm7: 153, ucs2: 67 } as const;

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  /** Parts the text is sent in; 0 for an empty text. */
  segments: number;
  /** The characters that force UCS-2, each once, in order of appearance. */
  nonGsm: string[];
}

export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENSION.has(ch)) return 'ucs2';
  return 'gsm7';
}

export function smsLength(text: string): SmsLength {
  const nonGsm = [...new Set([...text].filter((ch) => !GSM_BASIC.has(ch) && !GSM_EXTENSION.has(ch)))];
  const encoding: SmsEncoding = nonGsm.length > 0 ? 'ucs2' : 'gsm7';
  // Each character's cost: septets in GSM-7; UTF-16 units in UCS-2 (a character beyond the BMP, an emoji,
  // takes a surrogate pair, which a part never splits either).
  const costs = [...text].map((ch) => (encoding === 'gsm7' ? (GSM_EXTENSION.has(ch) ? 2 : 1) : ch.length));
  const units = costs.reduce((a, b) => a + b, 0);
  return { encoding, units, segments: segmentsOf(costs, units, encoding), nonGsm };
}

/** Parts are filled greedily, as phones and gateways do: a character that does not fit starts the next one. */
function segmentsOf(costs: number[], units: number, encoding: SmsEncoding): number {
  if (units === 0) return 0;
  if (units <= SINGLE[encoding]) return 1;
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > PART[encoding]) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return segments;
}
