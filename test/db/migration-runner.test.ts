import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '@mixscope/db';
import { applyMigrations, MigrationError } from '@mixscope/db';
import { root } from '../support/build.ts';

const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const MIGRATIONS = join(root, 'prisma/migrations');

function databaseUrl(name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migration runner', () => {
  const url = databaseUrl(`mixscope_migrate_${Date.now().toString(36)}`);
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'mixscope-migrations-'));
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
  });

  afterAll(async () => {
    await dropDatabase(url);
    await rm(scratch, { recursive: true, force: true });
  });

  it('applies every migration once and records it the way Prisma Migrate does', async () => {
    const names = (await readdir(MIGRATIONS, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    // Two runners at once: the advisory lock makes one wait for the other.
    const [first, second] = await Promise.all([
      applyMigrations(url, MIGRATIONS),
      applyMigrations(url, MIGRATIONS),
    ]);
    expect([...first.applied, ...second.applied].sort()).toEqual(names);
    expect(first.applied.length === 0 || second.applied.length === 0).toBe(true);

    const rows = await query<{
      id: string;
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
    }>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(join(MIGRATIONS, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    // The table matches Prisma's own definition, column by column.
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      url,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ['id', 'character varying', 'NO'],
      ['checksum', 'character varying', 'NO'],
      ['finished_at', 'timestamp with time zone', 'YES'],
      ['migration_name', 'character varying', 'NO'],
      ['logs', 'text', 'YES'],
      ['rolled_back_at', 'timestamp with time zone', 'YES'],
      ['started_at', 'timestamp with time zone', 'NO'],
      ['applied_steps_count', 'integer', 'NO'],
    ]);

    const again = await applyMigrations(url, MIGRATIONS);
    expect(again).toEqual({ applied: [], alreadyApplied: names });
    const tables = await query<{ tablename: string }>(
      url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining([
        'users',
        'teams',
        'memberships',
        'projects',
        'uploads',
        'analyses',
        'track_results',
      ]),
    );
  });

  it('rolls back a failing migration, records it as rolled back, and applies it once fixed', async () => {
    const dir = join(scratch, 'migrations');
    await mkdir(join(dir, '20990101000000_good'), { recursive: true });
    await mkdir(join(dir, '20990102000000_bad'), { recursive: true });
    await writeFile(
      join(dir, '20990101000000_good', 'migration.sql'),
      'CREATE TABLE "good_one" (id int);\n',
    );
    await writeFile(
      join(dir, '20990102000000_bad', 'migration.sql'),
      'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n',
    );
    const url2 = databaseUrl(`mixscope_migrate_bad_${Date.now().toString(36)}`);
    await ensureDatabase(url2);
    try {
      await expect(applyMigrations(url2, dir)).rejects.toThrow(MigrationError);
      const tables = await query<{ tablename: string }>(
        url2,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
      );
      expect(tables.map((t) => t.tablename).sort()).toEqual(['_prisma_migrations', 'good_one']);
      const [bad] = await query<{ rolled_back_at: Date | null; logs: string }>(
        url2,
        `SELECT rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = '20990102000000_bad'`,
      );
      expect(bad.rolled_back_at).toBeInstanceOf(Date);
      expect(bad.logs).toMatch(/no_such_table/);

      await writeFile(
        join(dir, '20990102000000_bad', 'migration.sql'),
        'CREATE TABLE "half_done" (id int);\n',
      );
      expect(await applyMigrations(url2, dir)).toEqual({
        applied: ['20990102000000_bad'],
        alreadyApplied: ['20990101000000_good'],
      });
    } finally {
      await dropDatabase(url2);
    }
  });
});
