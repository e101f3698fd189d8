// On a dossier page: its labels, and the boxes to change them (the labels its administration defined).
import { CsrfField } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { Label } from '../labels.ts';

export function LabelsForm({ ctx, dossierId, available, current }: { ctx: PageContext; dossierId: string; available: Label[]; current: Label[] }) {
  const { t } = ctx.i18n;
  if (available.length === 0) return null;
  const on = new Set(current.map((l) => l.id));
  return (
    <form method="post" action={`/agent/dossiers/${dossierId}/etiquettes`} class="card">
      <CsrfField token={ctx.csrf} />
      <fieldset>
        <legend>{t('instruction.labels.title')}</legend>
        {available.map((l) => (
          <div class="choice">
            <input type="checkbox" id={`l-${l.id}`} name="etiquettes" value={l.id} checked={on.has(l.id)} />
            <label for={`l-${l.id}`}>{l.name}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="secondary">
        {t('instruction.labels.save')}
      </button>
    </form>
  );
}
