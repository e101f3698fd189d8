// The stylesheet, served under a content-hashed name so browsers may keep it for a year; each release
// changes the name. Compressed once at start, never per request.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const css = readFileSync(new URL('../../../public/app.css', import.meta.url));
const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);

export const stylesheet = {
  href: `/static/app.${hash}.css`,
  raw: css,
  br: brotliCompressSync(css, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  gzip: gzipSync(css, { level: 9 }),
};
