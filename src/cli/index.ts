// The `guichet` command for operators: database migrations, demo data, procedure imports, first accounts.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { randomToken } from '../platform/crypto/tokens.ts';
import { newId } from '../platform/db/ids.ts';
import { importPack, PackError, readPack } from '../modules/catalog/index.ts';
import { accountStore, hashPassword } from '../modules/accounts/index.ts';
import { seedDemo } from '../seed.ts';
import { auditVerify } from './audit-verify.ts';
import { documentsKeys, documentsRotateKey } from './documents-keys.ts';
import { backup, BackupError, restore } from './backup.ts';
import { casierApiClient, casierGrant, RightsError } from './registry-rights.ts';

const USAGE = `Usage: guichet <command>

Commands:
  migrate                              apply pending database migrations
  seed                                 import the country packs and create the demo accounts
  import-procedures <dir> [--check]    import a country pack (procedures/ne, ...); --check only validates
  create-operator --email <e> [--name <n>] [--password <p>]
                                       create a platform operator (a password is generated if none is given)
  audit-verify [--anchor <seq>:<hash>] check the audit log's hash chain (exit 1 at the first broken link);
                                       --anchor also checks an entry's hash published earlier
  documents-keys                       list the documents' sealing keys (active and retired) per administration
  documents-rotate-key <administration>
                                       retire the administration's sealing key (code or id) for a new one;
                                       documents sealed before stay valid
  backup <dir>                         write the database and the uploaded files into a new directory <dir>
                                       (PostgreSQL: while running; embedded database: stop the server first)
  casier-grant --team <id|name> [--administration <code>] --role clerk|judge
                                       give a court's team the criminal record's clerk or judge right
  casier-api-client --name <n> --administration <code>
                                       create an API credential for bulletin n°2 (token shown once)
  restore <dir>                        restore a backup into this instance, whose database and files must be
                                       empty; every file's checksum is checked before anything is written

Settings come from the environment (DATABASE_URL, DATA_DIR, ...): see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      return withDatabase(async (db) => {
        const applied = await migrate(db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      });
    case 'seed':
      return withDatabase(async (db) => {
        await migrate(db);
        await seedDemo(db.db, loadConfig().country, console.log);
      });
    case 'import-procedures':
      return importProcedures(rest);
    case 'create-operator':
      return createOperator(rest);
    case 'audit-verify':
      return withDatabase((db) => auditVerify(db.db, rest));
    case 'documents-keys':
      return withDatabase(async (db) => {
        await migrate(db);
        return documentsKeys(db.db);
      });
    case 'documents-rotate-key':
      return withDatabase(async (db) => {
        await migrate(db);
        return documentsRotateKey(db.db, loadConfig().documentsMasterKey, rest);
      });
    case 'casier-grant':
    case 'casier-api-client':
      return withDatabase(async (db) => {
        try {
          console.log(await (command === 'casier-grant' ? casierGrant : casierApiClient)(db.db, rest));
        } catch (err) {
          if (!(err instanceof RightsError)) throw err;
          console.error(err.message);
          return 1;
        }
      });
    case 'backup':
    case 'restore':
      return backupOrRestore(command, rest);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 1;
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return 1;
  }
}

async function importProcedures(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { check: { type: 'boolean' } } });
  const dir = positionals[0];
  if (!dir) {
    console.error('import-procedures needs a directory, e.g. procedures/ne');
    return 1;
  }
  let pack;
  try {
    pack = await readPack(dir);
  } catch (err) {
    if (!(err instanceof PackError)) throw err;
    console.error(`${err.problems.length} problem(s) in ${dir}:\n${err.message}`);
    return 1;
  }
  if (values.check) {
    console.log(`${dir}: ${pack.procedures.length} procedures, valid`);
    return 0;
  }
  return withDatabase(async (db) => {
    await migrate(db);
    const summary = await importPack(db.db, pack, (done, total) => {
      process.stderr.write(`\rimporting ${done}/${total}`);
    });
    process.stderr.write('\n');
    console.log(`imported ${summary.procedures} procedures, ${summary.administrations} administrations, ${summary.servicePoints} service points (${summary.country})`);
  });
}

async function backupOrRestore(command: 'backup' | 'restore', args: string[]): Promise<number> {
  const dir = args[0];
  if (!dir || args.length > 1) {
    console.error(`${command} needs one directory, e.g. guichet ${command} /srv/backups/guichet-2026-11-28`);
    return 1;
  }
  try {
    if (command === 'backup') {
      const { files, bytes } = await backup(loadConfig(), dir);
      console.log(`backup written to ${dir}: database and ${files} files (${bytes} bytes)`);
    } else {
      const { files, migrations } = await restore(loadConfig(), dir);
      console.log(`restored from ${dir}: database and ${files} files${migrations.length ? `; then applied ${migrations.join(', ')}` : ''}`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(err.message);
    return 1;
  }
}

async function createOperator(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    console.error('create-operator needs --email with a valid address');
    return 1;
  }
  if (values.password !== undefined && values.password.length < 12) {
    console.error('the password must have at least 12 characters');
    return 1;
  }
  const password = values.password ?? randomToken(12);
  return withDatabase(async (db) => {
    await migrate(db);
    if (await accountStore.findUserByEmail(db.db, email)) throw new Error(`an account already uses ${email}`);
    await accountStore.insertUser(db.db, { id: newId(), email, name: values.name, role: 'operator', passwordHash: await hashPassword(password) });
    console.log(`operator ${email} created`);
    if (!values.password) console.log(`password (shown once): ${password}`);
  });
}

/** Runs `work` on the configured database; exit code 1 if it throws, else the code it returns (default 0). */
async function withDatabase(work: (db: Database) => Promise<void | number>): Promise<number> {
  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    return (await work(db)) ?? 0;
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
