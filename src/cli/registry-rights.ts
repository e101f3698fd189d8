// `guichet casier-grant` and `guichet casier-api-client`: an operator gives a court's team the criminal
// record's rights, and an entitled administration its API credential for bulletin n°2. Both are rights over
// the most sensitive records the platform holds, so they are given on the server, not from a web page.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { createApiClient, grantRegistryRole, PURPOSES } from '../modules/registries/criminal-record/index.ts';

export class RightsError extends Error {}

/** `--team <id or exact name> [--administration <code>] --role clerk|judge` */
export async function casierGrant(db: Kysely<DB>, args: string[]): Promise<string> {
  const { values } = parseArgs({ args, options: { team: { type: 'string' }, administration: { type: 'string' }, role: { type: 'string' } } });
  if (values.role !== 'clerk' && values.role !== 'judge') throw new RightsError('casier-grant needs --role clerk or --role judge');
  if (!values.team) throw new RightsError('casier-grant needs --team <team id or name>');
  let query = db
    .selectFrom('teams as t')
    .innerJoin('administrations as a', 'a.id', 't.administration_id')
    .select(['t.id', 't.name', 'a.code'])
    .where((eb) => eb.or([eb('t.id', '=', values.team!), eb('t.name', '=', values.team!)]));
  if (values.administration) query = query.where('a.code', '=', values.administration);
  const teams = await query.execute();
  if (teams.length === 0) throw new RightsError(`no team ${values.team}${values.administration ? ` in ${values.administration}` : ''}`);
  if (teams.length > 1) throw new RightsError(`several teams are called ${values.team} (${teams.map((t) => `${t.id} in ${t.code}`).join(', ')}): give its id or --administration`);
  await grantRegistryRole(db, teams[0]!.id, values.role);
  return `team ${teams[0]!.name} (${teams[0]!.code}) now holds the criminal record's ${values.role} right`;
}

/** `--name <n> --administration <code> [--rights bulletin-2]`: prints the token once. */
export async function casierApiClient(db: Kysely<DB>, args: string[]): Promise<string> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, administration: { type: 'string' }, rights: { type: 'string', default: 'bulletin-2' } } });
  if (!values.name?.trim()) throw new RightsError('casier-api-client needs --name <who uses it>');
  if (!values.administration) throw new RightsError('casier-api-client needs --administration <code> (the entitled administration)');
  const rights = values.rights.split(',').map((r) => r.trim());
  if (rights.some((r) => r !== 'bulletin-2')) throw new RightsError('the only right an API client can hold is bulletin-2');
  const administration = await db.selectFrom('administrations').select('id').where('code', '=', values.administration).executeTakeFirst();
  if (!administration) throw new RightsError(`no administration ${values.administration}`);
  const { token } = await createApiClient(db, { name: values.name.trim(), administrationId: administration.id, rights });
  return `API client ${values.name.trim()} created; its token (shown once): ${token}\nit states one of these purposes with each call: ${PURPOSES.join(', ')}`;
}
