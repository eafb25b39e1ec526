// Local demo data: `node dist/prisma/seed.mjs` (or `npx prisma db seed`). Safe to run repeatedly.
import argon2 from 'argon2';
import { createPrismaClient } from './prisma-client.ts';

const DEMO = {
  email: 'demo@mixscope.local',
  password: 'mixscope-demo',
  name: 'Demo Engineer',
  team: 'Demo Studio',
  project: 'First EP',
};

async function seed(databaseUrl: string): Promise<void> {
  const db = createPrismaClient({ databaseUrl, poolSize: 2 });
  try {
    const existing = await db.user.findUnique({ where: { email: DEMO.email } });
    if (existing) {
      console.log(`seed: ${DEMO.email} already exists`);
      return;
    }
    const passwordHash = await argon2.hash(DEMO.password, { type: argon2.argon2id });
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: DEMO.email, name: DEMO.name, passwordHash },
      });
      const team = await tx.team.create({ data: { name: DEMO.team } });
      await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: 'owner' } });
      await tx.project.create({ data: { teamId: team.id, name: DEMO.project } });
    });
    console.log(`seed: created ${DEMO.email} / ${DEMO.password} in team "${DEMO.team}"`);
  } finally {
    await db.$disconnect();
  }
}

seed(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/mixscope').catch(
  (error: unknown) => {
    console.error(`seed: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
