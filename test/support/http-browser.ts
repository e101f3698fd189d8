// A tiny browser over fetch for tests and benches that drive a server running in another process: keeps the
// session cookie, picks up the CSRF token of the last page, posts forms (multipart when files are given) and
// never follows redirects (the caller reads them). Used by the benches (bench/applicant.ts) and the crash tests.

export interface HttpBrowserOptions {
  /** Sent with every request, e.g. X-Forwarded-For to look like a distinct citizen to the rate limits. */
  headers?: Record<string, string>;
  /** Every request is abandoned after this long (a server killed mid-request may leave a socket hanging). */
  timeoutMs?: number;
}

export class HttpBrowser {
  cookie = '';
  csrf = '';
  constructor(
    private base: string,
    private options: HttpBrowserOptions = {},
  ) {}

  /** GET a page, keep its cookie and CSRF token, return its HTML. */
  async get(path: string): Promise<string> {
    return (await this.getPage(path)).html;
  }

  /** GET a page and also tell its status and redirect. */
  async getPage(path: string): Promise<{ status: number; location: string; html: string }> {
    const res = await fetch(this.base + path, { headers: this.headers(), redirect: 'manual', signal: this.signal() });
    this.keep(res);
    const html = await res.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? /_csrf=([^"&]+)/.exec(html)?.[1] ?? this.csrf;
    return { status: res.status, location: res.headers.get('location') ?? '', html };
  }

  /** POST a form with the current CSRF token; files make it multipart (the token then goes in the query). */
  async post(path: string, fields: Record<string, string>, files: Record<string, Buffer> = {}): Promise<Response> {
    const multipart = Object.keys(files).length > 0;
    let body: FormData | URLSearchParams;
    if (multipart) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const [k, v] of Object.entries(files)) form.append(k, new Blob([new Uint8Array(v)]), `${k}.bin`);
      body = form;
    } else body = new URLSearchParams({ _csrf: this.csrf, ...fields });
    const url = multipart ? `${this.base}${path}?_csrf=${encodeURIComponent(this.csrf)}` : this.base + path;
    const res = await fetch(url, { method: 'POST', body, headers: this.headers(), redirect: 'manual', signal: this.signal() });
    this.keep(res);
    return res;
  }

  private headers(): Record<string, string> {
    return { ...this.options.headers, cookie: this.cookie };
  }

  private signal(): AbortSignal | undefined {
    return this.options.timeoutMs ? AbortSignal.timeout(this.options.timeoutMs) : undefined;
  }

  private keep(res: Response) {
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
  }
}
