// The one thing the agents' dossier page shows of the civil-status register: on a birth declaration or an
// extract request, a link to the officer's page where the act is drawn up or found. Whether the reader is an
// officer of the commune is decided there (others get a 404); the link itself reveals nothing.
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { DECLARATION_SLUG, EXTRACT_SLUG } from './declaration.ts';
import { civilDossierPath } from './paths.ts';

export function CivilStatusLink({ ctx, dossierId, procedureSlug }: { ctx: PageContext; dossierId: string; procedureSlug: string }) {
  if (procedureSlug !== DECLARATION_SLUG && procedureSlug !== EXTRACT_SLUG) return null;
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby="civil-title" class="card">
      <h2 id="civil-title">{t('civil.link.title')}</h2>
      <p>
        <a href={civilDossierPath(dossierId)}>{t(procedureSlug === DECLARATION_SLUG ? 'civil.link.declaration' : 'civil.link.extract')}</a>
      </p>
    </section>
  );
}
