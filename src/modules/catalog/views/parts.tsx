// Pieces shared by the catalog's pages.
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { HL_END, HL_START } from '../search.ts';
import type { ProcedureSummary } from '../store.ts';

export function SearchForm({ ctx, q = '', large }: { ctx: PageContext; q?: string; large?: boolean }) {
  const { t } = ctx.i18n;
  return (
    <form method="get" action="/recherche" role="search" class={large ? 'search large' : 'search'}>
      <label for="q">{t('search.label')}</label>
      <div class="row">
        <input id="q" name="q" type="search" value={q} maxLength={200} placeholder={t('search.placeholder')} />
        <button>{t('search.submit')}</button>
      </div>
    </form>
  );
}

export function Cost({ ctx, costXof }: { ctx: PageContext; costXof: number | null }) {
  if (costXof === null) return <>{ctx.i18n.t('fiche.cost.variable')}</>;
  return <>{costXof === 0 ? ctx.i18n.t('fiche.cost.free') : ctx.i18n.money(costXof)}</>;
}

export function ProcedureList({ ctx, items, highlights }: { ctx: PageContext; items: ProcedureSummary[]; highlights?: Map<string, { title: string; summary: string }> }) {
  const { t } = ctx.i18n;
  return (
    <ul class="cards">
      {items.map((p) => {
        const hl = highlights?.get(p.id);
        return (
          <li>
            <a href={`/demarches/${p.slug}`}>{hl ? <Highlighted text={hl.title} /> : p.title}</a>
            <p>{hl ? <Highlighted text={hl.summary} /> : p.summary}</p>
            <p class="meta">
              <Cost ctx={ctx} costXof={p.costXof} />
              {p.delayDays !== null && <> · {t('fiche.delay.days', { days: p.delayDays })}</>}
              {p.onlineAvailable && <> · <strong>{t('fiche.online.short')}</strong></>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/** Text with search markers, rendered as <mark> elements; everything else stays escaped text. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(HL_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return part.replaceAll(HL_END, '');
        const [marked, rest = ''] = part.split(HL_END);
        return (
          <>
            <mark>{marked}</mark>
            {rest}
          </>
        );
      })}
    </>
  );
}
