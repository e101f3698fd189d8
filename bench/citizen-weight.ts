// The weight of citizen pages as a browser on 2G receives them from the running server: the bytes on the wire
// with brotli accepted, plus the stylesheet and any script the page loads (the form pages' progressive
// enhancement), against the budget of 14 KB (the first round trip of a new TCP connection).
import { request } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';

export interface CitizenWeight {
  path: string;
  /** The HTML, uncompressed. */
  html: number;
  /** The HTML as sent, brotli. */
  br: number;
  /** Stylesheets and scripts the page loads, as sent. */
  assets: number;
  total: number;
}

/** The body of a GET as it crosses the wire (not decompressed), and the body decoded when it is HTML. */
function wire(url: string, headers: Record<string, string>): Promise<{ bytes: number; encoding: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
        const body = Buffer.concat(chunks);
        resolve({ bytes: body.length, encoding: String(res.headers['content-encoding'] ?? 'identity'), body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function citizenWeights(base: string, pages: { path: string; cookie?: string }[]): Promise<CitizenWeight[]> {
  const assetBytes = new Map<string, number>();
  const rows: CitizenWeight[] = [];
  for (const { path, cookie } of pages) {
    const page = await wire(base + path, cookie ? { cookie } : {});
    const html = page.encoding === 'br' ? brotliDecompressSync(page.body).toString() : page.body.toString();
    let assets = 0;
    for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"|<script[^>]+src="([^"]+)"/g)) {
      const href = m[1] ?? m[2] ?? m[3]!;
      if (!assetBytes.has(href)) assetBytes.set(href, (await wire(base + href, {})).bytes);
      assets += assetBytes.get(href)!;
    }
    rows.push({ path, html: Buffer.byteLength(html), br: page.bytes, assets, total: page.bytes + assets });
  }
  return rows;
}
