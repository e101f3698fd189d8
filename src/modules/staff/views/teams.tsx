// The manager's page of people: teams and their members, adding and removing agents, creating a team,
// inviting a person by e-mail or SMS, and the invitations still open.
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, Notice, Select, type FieldError } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { INVITE_PATH, removeMemberPath, teamMembersPath, TEAMS_PATH } from '../paths.ts';
import type { teamsOverview } from '../teams.ts';

export type Overview = Awaited<ReturnType<typeof teamsOverview>>;
type Person = Overview['staff'][number];

/** Which form the errors and typed values belong to: one page holds several. */
export type FormState = { form: 'team' | 'invite' | 'add'; teamId?: string; errors: FieldError[]; values: Record<string, string> };

export const DONE = ['equipe', 'invitation', 'ajout', 'retrait'] as const;
export type Done = (typeof DONE)[number];

/** Each team's "add a member" list has its own field name, so every control on the page has its own id. */
export const memberField = (teamId: string) => `member-${teamId}`;

const who = (p: Person) => p.name ?? p.email ?? p.phone ?? p.id;

export function TeamsPage({ ctx, overview, state, done }: { ctx: PageContext; overview: Overview; state?: FormState; done?: Done }) {
  const { t } = ctx.i18n;
  const errorsOf = (form: FormState['form'], teamId?: string) => (state && state.form === form && state.teamId === teamId ? state.errors : []);
  const valuesOf = (form: FormState['form']) => (state?.form === form ? state.values : {});
  const err = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;
  const several = overview.administrations.length > 1;
  const adminName = (id: string) => overview.administrations.find((a) => a.id === id)?.name ?? '';
  const adminOptions = overview.administrations.map((a) => ({ value: a.id, label: `${'— '.repeat(a.depth)}${a.name}` }));
  const teamOptions = [{ value: '', label: t('staff.invite.noteam') }, ...overview.teams.map((tm) => ({ value: tm.id, label: several ? `${tm.name} (${adminName(tm.administration_id)})` : tm.name }))];
  const allErrors = state?.errors ?? [];
  const teamErrors = errorsOf('team');
  const inviteErrors = errorsOf('invite');
  const roleLabel = (role: string) => t(`staff.role.${role === 'manager' ? 'manager' : 'agent'}` as MessageKey);

  return (
    <Layout ctx={ctx} title={t('staff.teams.title')} breadcrumb={[{ href: '/agent', label: t('staff.agent.home') }, { label: t('staff.teams.title') }]}>
      <h1>{t('staff.teams.title')}</h1>
      {done && <Notice kind="success">{t(`staff.done.${done}` as MessageKey)}</Notice>}
      <ErrorSummary title={t('form.errors')} errors={allErrors} />
      <p>{t('staff.teams.lead', { administration: overview.administrations[0]?.name ?? '' })}</p>

      {overview.teams.length === 0 && <p>{t('staff.teams.none')}</p>}
      {overview.teams.map((team) => {
        const addErrors = errorsOf('add', team.id);
        const candidates = overview.staff.filter((s) => !team.members.some((m) => m.id === s.id));
        return (
          <section class="card" id={`equipe-${team.id}`} aria-labelledby={`h-${team.id}`}>
            <h2 id={`h-${team.id}`}>{team.name}</h2>
            {several && <p class="meta">{adminName(team.administration_id)}</p>}
            {team.members.length === 0 ? (
              <p>{t('staff.teams.empty')}</p>
            ) : (
              <table class="table">
                <caption>{t('staff.teams.members', { team: team.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('staff.col.name')}</th>
                    <th scope="col">{t('staff.col.contact')}</th>
                    <th scope="col">{t('staff.col.role')}</th>
                    <th scope="col">{t('staff.col.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {team.members.map((m) => (
                    <tr>
                      <td>{who(m)}</td>
                      <td>{m.email ?? m.phone ?? ''}</td>
                      <td>{roleLabel(m.role)}</td>
                      <td>
                        <form method="post" action={removeMemberPath(team.id, m.id)}>
                          <CsrfField token={ctx.csrf} />
                          <button class="link" aria-label={t('staff.teams.removeof', { name: who(m), team: team.name })}>
                            {t('staff.teams.remove')}
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {candidates.length > 0 && (
              <form method="post" action={teamMembersPath(team.id)}>
                <CsrfField token={ctx.csrf} />
                <Select
                  name={memberField(team.id)}
                  label={t('staff.teams.addlabel', { team: team.name })}
                  value={state?.values[memberField(team.id)] ?? ''}
                  options={[{ value: '', label: t('staff.teams.choose') }, ...candidates.map((c) => ({ value: c.id, label: `${who(c)} (${roleLabel(c.role)})` }))]}
                  error={err(addErrors, memberField(team.id))}
                />
                <button class="secondary">{t('staff.teams.add')}</button>
              </form>
            )}
          </section>
        );
      })}

      <h2>{t('staff.teams.create')}</h2>
      <form method="post" action={TEAMS_PATH} class="card">
        <CsrfField token={ctx.csrf} />
        <Field name="name" label={t('staff.teams.name')} value={valuesOf('team').name} maxLength={80} error={err(teamErrors, 'name')} required />
        {several && <Select name="administration" label={t('staff.teams.administration')} value={valuesOf('team').administration ?? ''} options={adminOptions} />}
        <button>{t('staff.teams.createsubmit')}</button>
      </form>

      <h2>{t('staff.invite.title')}</h2>
      <form method="post" action={INVITE_PATH} class="card">
        <CsrfField token={ctx.csrf} />
        <Field
          name="contact"
          label={t('staff.invite.contact')}
          hint={t('staff.invite.contacthint')}
          value={valuesOf('invite').contact}
          maxLength={254}
          error={err(inviteErrors, 'contact')}
          required
        />
        <fieldset>
          <legend id="f-role">{t('staff.invite.role')}</legend>
          {(['agent', 'manager'] as const).map((role) => (
            <div class="choice">
              <input type="radio" id={`f-role-${role}`} name="role" value={role} checked={(valuesOf('invite').role ?? 'agent') === role} />
              <label for={`f-role-${role}`}>{roleLabel(role)}</label>
            </div>
          ))}
        </fieldset>
        <Select name="team" label={t('staff.invite.team')} value={valuesOf('invite').team ?? ''} options={teamOptions} />
        {several && (
          <Select name="inviteadmin" label={t('staff.invite.administration')} hint={t('staff.invite.administrationhint')} value={valuesOf('invite').inviteadmin ?? ''} options={adminOptions} />
        )}
        <button>{t('staff.invite.submit')}</button>
      </form>

      <h2>{t('staff.invite.open')}</h2>
      {overview.invitations.length === 0 ? (
        <p>{t('staff.invite.noneopen')}</p>
      ) : (
        <ul class="cards">
          {overview.invitations.map((i) => (
            <li>
              {t('staff.invite.item', { contact: i.email ?? i.phone ?? '', role: roleLabel(i.role), date: ctx.i18n.date(i.expires_at) })}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
