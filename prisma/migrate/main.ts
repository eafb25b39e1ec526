// One-shot migrate step: `node dist/prisma/migrate.mjs` creates the database if needed and applies pending migrations.
import { fileURLToPath } from 'node:url';
import { ensureDatabase } from './ensure-database.ts';
import { applyMigrations } from './migration-runner.ts';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/mixscope';

export async function migrate(databaseUrl: string, migrationsDir: string): Promise<void> {
  const created = await ensureDatabase(databaseUrl);
  if (created) console.log(`migrate: created database ${new URL(databaseUrl).pathname.slice(1)}`);
  const report = await applyMigrations(databaseUrl, migrationsDir, (line) =>
    console.log(`migrate: ${line}`),
  );
  if (report.applied.length === 0) console.log('migrate: database is up to date');
}

const migrationsDir =
  process.env.MIGRATIONS_DIR ?? fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

migrate(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, migrationsDir).catch((error: unknown) => {
  console.error(`migrate: ${(error as Error).message}`);
  process.exitCode = 1;
});
