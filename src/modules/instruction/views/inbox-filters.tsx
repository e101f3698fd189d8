// The inbox's search and filters: one GET form, so the address can be bookmarked and shared.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { DOSSIER_STATUSES } from '../../../platform/db/schema.ts';
import type { InboxProps } from './inbox-page.tsx';

export function InboxFilters(p: InboxProps) {
  const { t } = p.ctx.i18n;
  const { raw } = p;
  return (
    <form method="get" action="/agent" class="card filters" role="search">
      <input type="hidden" name="onglet" value={p.tab} />
      {/* The sort is chosen by the columns' headings; filtering keeps it. */}
      {raw.tri && <input type="hidden" name="tri" value={raw.tri} />}
      {raw.ordre && <input type="hidden" name="ordre" value={raw.ordre} />}
      <div class="field">
        <label for="f-q">{t('instruction.filter.q')}</label>
        <input id="f-q" name="q" type="search" value={raw.q ?? ''} maxLength={200} />
      </div>
      <details open={Object.keys(raw).some((k) => k !== 'q' && k !== 'ordre' && k !== 'tri')}>
        <summary>{t('instruction.filter.more')}</summary>
        <div class="field">
          <label for="f-statut">{t('instruction.col.status')}</label>
          <select id="f-statut" name="statut">
            <option value="">{t('instruction.filter.any')}</option>
            {DOSSIER_STATUSES.filter((s) => s !== 'draft').map((s) => (
              <option value={s} selected={raw.statut === s}>
                {t(`dossiers.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-demarche">{t('instruction.col.procedure')}</label>
          <select id="f-demarche" name="demarche">
            <option value="">{t('instruction.filter.any')}</option>
            {p.procedures.map((x) => (
              <option value={x.id} selected={raw.demarche === x.id}>
                {x.title}
              </option>
            ))}
          </select>
        </div>
        {p.teams.length > 1 && (
          <div class="field">
            <label for="f-equipe">{t('instruction.col.team')}</label>
            <select id="f-equipe" name="equipe">
              <option value="">{t('instruction.filter.any')}</option>
              {p.teams.map((x) => (
                <option value={x.id} selected={raw.equipe === x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {p.labels.length > 0 && (
          <div class="field">
            <label for="f-etiquette">{t('instruction.labels.one')}</label>
            <select id="f-etiquette" name="etiquette">
              <option value="">{t('instruction.filter.any')}</option>
              {p.labels.map((l) => (
                <option value={l.id} selected={raw.etiquette === l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="f-du">{t('instruction.filter.from')}</label>
          <input id="f-du" name="du" type="date" value={raw.du ?? ''} />
        </div>
        <div class="field">
          <label for="f-au">{t('instruction.filter.to')}</label>
          <input id="f-au" name="au" type="date" value={raw.au ?? ''} />
        </div>
        <div class="field">
          <label for="f-champ">{t('instruction.filter.field')}</label>
          <input id="f-champ" name="champ" value={raw.champ ?? ''} maxLength={64} aria-describedby="f-champ-hint" />
          <p class="hint" id="f-champ-hint">
            {t('instruction.filter.fieldhint')}
          </p>
        </div>
        <div class="field">
          <label for="f-valeur">{t('instruction.filter.value')}</label>
          <input id="f-valeur" name="valeur" value={raw.valeur ?? ''} maxLength={200} />
        </div>
      </details>
      <button type="submit">{t('instruction.filter.apply')}</button>
    </form>
  );
}
