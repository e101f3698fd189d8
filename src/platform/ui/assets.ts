// The stylesheet and the one optional script of form pages, served under content-hashed names so browsers may
// keep them for a year; each release changes the names. Compressed once at start, never per request.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

function asset(file: string, ext: string) {
  const raw = readFileSync(new URL(`../../../public/${file}`, import.meta.url));
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 10);
  return {
    href: `/static/${file.replace(/\.\w+$/, '')}.${hash}.${ext}`,
    raw,
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(raw, { level: 9 }),
  };
}

export const stylesheet = asset('app.css', 'css');

/** The progressive enhancement of dossier forms (src/modules/dossiers/views/form-enhance.ts); never required. */
export const script = asset('form.js', 'js');

/** The procedure builder's optional script (src/modules/builder): actions without a full page reload. */
export const builderScript = asset('builder.js', 'js');

/** The payment page's optional script (src/modules/payments): notices when the payer's phone confirmed. */
export const paymentScript = asset('payment.js', 'js');
