// The one line the agent's dossier page shows on a bulletin n°3 request: the way to the registry step. Whether
// the reader may take it is decided there (only the clerks of the dossier's team get past the door).
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import { BULLETIN_3_SLUGS } from '../dossier-flow.ts';
import { dossierCasierPath } from '../paths.ts';

export function CasierLink({ ctx, dossierId, procedureSlug }: { ctx: PageContext; dossierId: string; procedureSlug: string }) {
  if (!BULLETIN_3_SLUGS.includes(procedureSlug)) return null;
  return (
    <p>
      <a href={dossierCasierPath(dossierId)} class="button">
        {ctx.i18n.t('casier.dossier.link')}
      </a>
    </p>
  );
}
