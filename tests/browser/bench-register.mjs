// The benchmark's data set (bench/data.sql: 1,000 member organisations, 10,000 contracts,
// 200 services) on a PostgreSQL database of its own, with the public record and the demo that
// the server adds beside it: for the browser tests that need a register larger than the
// public record. Skipped loudly when PostgreSQL is not reachable, unless
// VERBUND_REQUIRE_POSTGRES is set.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, binary } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const admin = process.env.VERBUND_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `command` with `args`; fails with what it printed. */
function run(command, args, env = {}) {
  const done = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (done.status !== 0) {
    throw new Error(`${command} ${args.join(' ')}: ${done.error ?? ''}${done.stdout}${done.stderr}`);
  }
  return done.stdout;
}

/** Whether PostgreSQL answers at `admin`. */
function reachable() {
  const done = spawnSync('psql', [admin, '-X', '-q', '-c', 'SELECT 1'], { encoding: 'utf8' });
  return done.status === 0;
}

/**
 * The benchmark's register for the tests of one file, in the database `verbund_{name}_{pid}`:
 * `skip` (false, or why the tests are skipped: pass it to `test`), `start()` (creates and
 * loads the database, starts a server on it and returns that server) and `drop()` (removes
 * the database).
 */
export function benchRegister(name, tests) {
  const database = `verbund_${name}_${process.pid}`;
  const url = new URL(admin);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const skip = !reachable() && !process.env.VERBUND_REQUIRE_POSTGRES
    ? `PostgreSQL is not reachable (set VERBUND_TEST_POSTGRES_URL); the ${tests} are skipped`
    : false;
  if (skip) console.warn(`SKIPPED: ${skip}`);
  return {
    skip,
    async start() {
      run('psql', [admin, '-X', '-q', '-v', 'ON_ERROR_STOP=1',
        '-c', `DROP DATABASE IF EXISTS ${database}`, '-c', `CREATE DATABASE ${database}`]);
      run(binary(), ['migrate', 'up'], { DATABASE_URL: databaseUrl, RUST_LOG: 'warn' });
      run('psql', [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', path.join(here, '..', '..', 'bench', 'data.sql')]);
      return startServer({ databaseUrl });
    },
    drop() {
      if (!skip) run('psql', [admin, '-X', '-q', '-c', `DROP DATABASE IF EXISTS ${database}`]);
    },
  };
}
