/**
 * Creates an active user, typically the first admin, who then invites everyone else from the app. Usage:
 *   npm run user:create -- --role admin --email anna@glr.nl [--name "Anna"] [--password …] [--school 23ja01 …]
 * Without --password it asks for one (not echoed). Uses the configured database (.env, MONGODB_URI or the embedded one;
 * stop `npm start` first when using the embedded database, which one process at a time may hold).
 * Exit codes: 0 created, 2 bad flags or input, 1 unexpected failure.
 */
import { existsSync } from 'node:fs';
import { stdin, stdout } from 'node:process';
import { z } from 'zod';
import { emailSchema, passwordSchema, ROLES, type Role } from '../../shared/api/auth';
import { schoolIdSchema } from '../../shared/api/schools';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connection';
import { AppError } from '../errors';
import { createLogger } from '../logger';
import { ensureIndexes } from '../models';
import { createActiveUser } from '../services/accounts/users';

const USAGE =
  'usage: npm run user:create -- --role admin|crew|coordinator|school --email EMAIL [--name NAME] [--password PASSWORD] [--school ID …]';

class UsageError extends Error {}

interface CliArgs {
  role: Role;
  email: string;
  name: string | undefined;
  password: string | undefined;
  schoolIds: string[];
}

/** The parsed flags; throws UsageError for unknown, missing or malformed ones. */
function parseArgs(argv: string[]): CliArgs {
  const single = new Map<string, string>();
  const schoolIds: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (!['--role', '--email', '--name', '--password', '--school'].includes(flag))
      throw new UsageError(`unknown argument ${JSON.stringify(flag)}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    if (flag === '--school') schoolIds.push(value);
    else if (single.has(flag)) throw new UsageError(`${flag} given twice`);
    else single.set(flag, value);
  }
  const parsed = z
    .object({
      role: z.enum(ROLES),
      email: emailSchema,
      name: z.string().trim().min(1).max(100).optional(),
      password: passwordSchema.optional(),
      schoolIds: z.array(schoolIdSchema),
    })
    .safeParse({
      role: single.get('--role'),
      email: single.get('--email'),
      name: single.get('--name'),
      password: single.get('--password'),
      schoolIds,
    });
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return { ...parsed.data, name: parsed.data.name, password: parsed.data.password };
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stdout.write(question);
    if (!stdin.isTTY) {
      let data = '';
      stdin.setEncoding('utf8');
      stdin.on('data', (c) => (data += c));
      stdin.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
      stdin.on('error', reject);
      return;
    }
    let input = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stdout.write('\n');
          resolve(input);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') input = input.slice(0, -1);
        else input += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  let password = args.password;
  if (!password) {
    password = await promptHidden('Wachtwoord (minstens 10 tekens): ');
    const again = await promptHidden('Nog een keer: ');
    if (password !== again) {
      console.error('De wachtwoorden zijn niet gelijk.');
      return 2;
    }
    const ok = passwordSchema.safeParse(password);
    if (!ok.success) {
      console.error(`Wachtwoord ${ok.error.issues[0]?.message ?? 'ongeldig'}.`);
      return 2;
    }
  }
  const config = loadConfig();
  const db = await connectDatabase(config, createLogger('warn'));
  try {
    await ensureIndexes({ embedded: db.ferretDb });
    const user = await createActiveUser({
      email: args.email,
      password,
      role: args.role,
      name: args.name ?? null,
      schoolIds: args.schoolIds,
    });
    console.log(`Gebruiker aangemaakt: ${user.email} (${user.role}), id ${user.id}`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.code === 'conflict' ? `Er is al een gebruiker met e-mailadres ${args.email}.` : err.message);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('Mislukt:', err);
    process.exit(1);
  },
);
