// One birth act of the officer's register: its facts, the mentions in its margin, and the form that adds one.
import { Layout } from '../../../../platform/ui/layout.tsx';
import { CsrfField, Field, Notice, Select, TextArea } from '../../../../platform/ui/components.tsx';
import type { PageContext } from '../../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import type { Register } from '../registers.ts';
import type { BirthAct, Mention } from '../store.ts';
import { MENTION_KINDS, type MentionInput, type MentionProblem } from '../service.ts';
import { actNumber } from '../numbering.ts';
import { CIVIL_HOME, mentionsPath } from '../paths.ts';
import { ActFacts, MentionList } from './act-facts.tsx';

export function ActPage(p: { ctx: PageContext; act: BirthAct; register: Register; mentions: Mention[]; added?: boolean; registered?: boolean; problems?: MentionProblem[]; draft?: MentionInput }) {
  const { t } = p.ctx.i18n;
  const number = actNumber(p.act.year, p.act.number);
  const problems = p.problems ?? [];
  const error = (...keys: MentionProblem[]) => {
    const found = problems.find((k) => keys.includes(k));
    return found ? t(found) : undefined;
  };
  const d = p.draft ?? { kind: 'recognition', date: '', text: '', authority: '' };
  return (
    <Layout ctx={p.ctx} title={t('civil.act.title', { number })} breadcrumb={[{ href: CIVIL_HOME, label: t('civil.home.title') }, { label: number }]}>
      {p.added && <Notice kind="success">{t('civil.mention.added')}</Notice>}
      {p.registered && <Notice kind="success">{t('civil.registration.done', { number })}</Notice>}
      {problems.length > 0 && <Notice kind="warning">{t('civil.mention.error.summary')}</Notice>}
      <h1>{t('civil.act.title', { number })}</h1>
      <ActFacts ctx={p.ctx} act={p.act} centre={p.register.centreName} />
      {p.act.dossierId && (
        <p>
          <a href={`/agent/dossiers/${p.act.dossierId}`}>{t('civil.act.declaration')}</a>
        </p>
      )}
      <h2>{t('civil.mention.title')}</h2>
      <MentionList ctx={p.ctx} mentions={p.mentions} />
      <form method="post" action={mentionsPath(p.act.id)} class="card">
        <h3>{t('civil.mention.add')}</h3>
        <CsrfField token={p.ctx.csrf} />
        <Select name="nature" label={t('civil.mention.kind')} value={d.kind} error={error('civil.mention.error.kind')} options={MENTION_KINDS.map((k) => ({ value: k, label: t(`civil.mention.kind.${k}` as MessageKey) }))} />
        <Field name="date" label={t('civil.mention.date')} hint={t('civil.search.birthdatehint')} value={d.date} error={error('civil.mention.error.date', 'civil.mention.error.future', 'civil.mention.error.beforebirth')} maxLength={10} />
        <TextArea name="texte" label={t('civil.mention.text')} hint={t('civil.mention.texthint')} value={d.text} error={error('civil.mention.error.text')} rows={3} />
        <Field name="autorite" label={t('civil.mention.authority')} hint={t('civil.mention.authorityhint')} value={d.authority} error={error('civil.mention.error.authority')} maxLength={200} />
        <button type="submit">{t('civil.mention.submit')}</button>
      </form>
    </Layout>
  );
}
