// The statistics page: one section per procedure with plain tables (read by screen readers, copied into a
// spreadsheet). The bars are <meter> elements, hidden from assistive technology because the number beside
// them says the same; the strict style policy allows no inline width, and a native element needs no CSS.
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { DOSSIER_STATUSES } from '../../../platform/db/schema.ts';
import type { ProcedureStats } from '../stats.ts';
import { INBOX } from '../paths.ts';

export const STATS_PATH = '/agent/statistiques';

interface Props {
  ctx: PageContext;
  stats: ProcedureStats[];
  /** The period's months, oldest first, 'YYYY-MM'. */
  months: string[];
  procedures: { id: string; title: string }[];
  selected?: string;
}

/** Number formats of the page's language (French grouping and decimal comma unless English). */
function formats(ctx: PageContext) {
  const tag = ctx.i18n.locale === 'en' ? 'en-GB' : 'fr-FR';
  const days = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const month = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    days: (n: number | null) => (n === null ? '—' : ctx.i18n.t('instruction.stats.days', { n: days.format(n) })),
    percent: (part: number, whole: number) => percent.format(part / whole),
    month: (key: string) => month.format(new Date(`${key}-01T00:00:00Z`)),
  };
}

export function StatsPage(p: Props) {
  const { t } = p.ctx.i18n;
  const f = formats(p.ctx);
  return (
    <Layout ctx={p.ctx} title={t('instruction.stats.title')} breadcrumb={[{ href: INBOX, label: t('instruction.inbox.title') }, { label: t('instruction.stats.title') }]}>
      <h1>{t('instruction.stats.title')}</h1>
      <p>{t('instruction.stats.period', { from: f.month(p.months[0]!), to: f.month(p.months.at(-1)!) })}</p>
      <form method="get" action={STATS_PATH} class="card filters">
        <div class="field">
          <label for="s-demarche">{t('instruction.col.procedure')}</label>
          <select id="s-demarche" name="demarche">
            <option value="">{t('instruction.filter.any')}</option>
            {p.procedures.map((x) => (
              <option value={x.id} selected={p.selected === x.id}>
                {x.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('instruction.filter.apply')}</button>
      </form>
      {p.stats.length === 0 ? <p>{t('instruction.stats.empty')}</p> : p.stats.map((s) => <ProcedureSection ctx={p.ctx} s={s} months={p.months} f={f} />)}
    </Layout>
  );
}

function ProcedureSection({ ctx, s, months, f }: { ctx: PageContext; s: ProcedureStats; months: string[]; f: ReturnType<typeof formats> }) {
  const { t } = ctx.i18n;
  const id = `p-${s.procedureId}`;
  const legal = s.legalDelayDays;
  // Said in words, not by colour: whether the typical and the slow dossier took longer than the law allows.
  const versus = (n: number | null) => (n !== null && legal !== null && n > legal ? ` (${t('instruction.stats.over')})` : '');
  const busiest = Math.max(1, ...months.map((m) => s.byMonth[m] ?? 0));
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{s.title}</h2>
      <table class="table">
        <caption>{t('instruction.stats.delays')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('instruction.stats.filed')}</th>
            <th scope="col">{t('instruction.stats.decided')}</th>
            <th scope="col">{t('instruction.stats.median')}</th>
            <th scope="col">{t('instruction.stats.p90')}</th>
            <th scope="col">{t('instruction.stats.legal')}</th>
            <th scope="col">{t('instruction.stats.within')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{s.total}</td>
            <td>{s.decided}</td>
            <td>{f.days(s.medianDays) + versus(s.medianDays)}</td>
            <td>{f.days(s.p90Days) + versus(s.p90Days)}</td>
            <td>{legal === null ? t('instruction.stats.nolegal') : f.days(legal)}</td>
            <td>
              {s.withDeadline === 0 ? '—' : t('instruction.stats.share', { share: f.percent(s.withinDelay, s.withDeadline), n: s.withinDelay, total: s.withDeadline })}
              {s.withDeadline > 0 && ' '}
              {s.withDeadline > 0 && <meter aria-hidden="true" min={0} max={s.withDeadline} value={s.withinDelay} />}
            </td>
          </tr>
        </tbody>
      </table>
      <table class="table">
        <caption>{t('instruction.stats.bystatus')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('instruction.col.status')}</th>
            <th scope="col">{t('instruction.stats.count')}</th>
          </tr>
        </thead>
        <tbody>
          {DOSSIER_STATUSES.filter((x) => x !== 'draft').map((status) => (
            <tr>
              <th scope="row">{t(`dossiers.status.${status}` as MessageKey)}</th>
              <td>{s.byStatus[status] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="table">
        <caption>{t('instruction.stats.bymonth')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('instruction.stats.month')}</th>
            <th scope="col">{t('instruction.stats.count')}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr>
              <th scope="row">{f.month(m)}</th>
              <td>
                {s.byMonth[m] ?? 0} <meter aria-hidden="true" min={0} max={busiest} value={s.byMonth[m] ?? 0} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
