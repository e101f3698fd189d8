// Below the inbox list: what to do with the ticked dossiers, and what the last batch did.
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { BATCH_ACTIONS } from '../batch.ts';
import type { BatchOutcome, InboxProps } from './inbox-page.tsx';

export function BatchNotice({ ctx, outcome }: { ctx: PageContext; outcome: BatchOutcome }) {
  const { t } = ctx.i18n;
  if (typeof outcome === 'string') return <Notice kind="warning">{t(`instruction.batch.error.${outcome}` as MessageKey)}</Notice>;
  return <Notice kind={outcome.skipped > 0 ? 'warning' : 'success'}>{t('instruction.batch.result', { done: outcome.done, skipped: outcome.skipped })}</Notice>;
}

export function BatchControls(p: InboxProps) {
  const { t } = p.ctx.i18n;
  const actions = BATCH_ACTIONS.filter((a) => (a !== 'assign' || p.canAssign) && (a !== 'label' || p.labels.length > 0));
  return (
    <fieldset class="card">
      <legend>{t('instruction.batch.title')}</legend>
      <div class="field">
        <label for="b-action">{t('instruction.batch.action')}</label>
        <select id="b-action" name="action">
          {actions.map((a) => (
            <option value={a}>{t(`instruction.batch.do.${a}` as MessageKey)}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="b-motivation">{t('instruction.decision.motivation')}</label>
        <textarea id="b-motivation" name="motivation" rows={2} maxLength={4000} />
      </div>
      {p.canAssign && p.teams.length > 0 && (
        <div class="field">
          <label for="b-team">{t('instruction.assign.team')}</label>
          <select id="b-team" name="equipe">
            {p.teams.map((team) => (
              <option value={team.id}>{team.name}</option>
            ))}
          </select>
        </div>
      )}
      {p.labels.length > 0 && (
        <div class="field">
          <label for="b-label">{t('instruction.labels.one')}</label>
          <select id="b-label" name="etiquette">
            {p.labels.map((l) => (
              <option value={l.id}>{l.name}</option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="b-message">{t('instruction.batch.message')}</label>
        <textarea id="b-message" name="message" rows={3} maxLength={5000} />
      </div>
      <button type="submit">{t('instruction.batch.submit')}</button>
    </fieldset>
  );
}
