// `prisma dev` (a throw-away local Prisma Postgres) would import this; MixScope runs against a real
// PostgreSQL (DATABASE_URL), so the real package and its Node 22 requirement are not installed.
export async function startLocalDurableStreamsServer() {
  throw new Error(
    '`prisma dev` is not supported in MixScope: point DATABASE_URL at a PostgreSQL server instead',
  );
}
