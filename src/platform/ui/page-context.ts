// What a view needs from the request: the language, who is signed in, the CSRF token for its forms and the
// current address (for the language switch).
import type { I18n } from '../i18n/index.ts';
import type { SessionUser } from '../auth/session.ts';

export interface PageContext {
  i18n: I18n;
  user: SessionUser | null;
  csrf: string | null;
  /** Path and query of the current page, used to switch language in place. */
  url: string;
  countryName: string;
}
