// A cookie jar over Fastify's inject, so HTTP tests can walk through forms like a browser without JS:
// it keeps cookies, reads the CSRF token of the last page and posts urlencoded forms.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class Visitor {
  cookies = new Map<string, string>();
  lastHtml = '';
  lastUrl = '/';

  constructor(private app: FastifyInstance, private headers: Record<string, string> = {}) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      const expired = c.expires && new Date(c.expires).getTime() < Date.now();
      if (c.value === '' || expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = res.body;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    this.lastUrl = url;
    return res;
  }

  get csrf(): string {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1] ?? '';
  }

  /** Posts a form with the CSRF token of the last page seen (unless the fields say otherwise). */
  async post(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries({ _csrf: this.csrf, ...fields })) for (const v of [value].flat()) params.append(name, v);
    const body = params.toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: {
        ...this.headers,
        'content-type': 'application/x-www-form-urlencoded',
        referer: `http://localhost${this.lastUrl}`,
        cookie: this.cookieHeader(),
        ...headers,
      },
    });
    this.remember(res);
    return res;
  }

  /**
   * Posts a multipart form as a browser does for a page with file inputs: the CSRF token rides in the
   * address (the form's action carries it), files are sent with their name and bytes.
   */
  async postMultipart(url: string, fields: Record<string, string | string[]>, files: Record<string, { name: string; data: Buffer; type?: string }> = {}) {
    const boundary = `----guichet${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    const part = (head: string, body: Buffer | string) => chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n'));
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) part(`Content-Disposition: form-data; name="${name}"`, v);
    }
    for (const [name, file] of Object.entries(files)) {
      part(`Content-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}`, file.data);
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const target = url.includes('_csrf=') ? url : `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(this.csrf)}`;
    const res = await this.app.inject({
      method: 'POST',
      url: target,
      payload: Buffer.concat(chunks),
      headers: { ...this.headers, 'content-type': `multipart/form-data; boundary=${boundary}`, referer: `http://localhost${this.lastUrl}`, cookie: this.cookieHeader() },
    });
    this.remember(res);
    return res;
  }
}
