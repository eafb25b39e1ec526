import {
  Inject,
  Injectable,
  Logger,
  type InjectionToken,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { SharedConfig } from '@mixscope/contracts';
import { createPrismaClient, type PrismaClient } from '@mixscope/db';
import { AnalysisRepository } from '@mixscope/pipeline';

export const DATABASE = Symbol('DATABASE');
export type Database = PrismaClient;

@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.$disconnect();
  }
}

/**
 * The Prisma client under DATABASE, built from the service's config, its disconnect on shutdown,
 * and the AnalysisRepository on it (the only code that touches analyses and track results).
 */
export function databaseProviders(configToken: InjectionToken): Provider[] {
  return [
    {
      provide: DATABASE,
      inject: [configToken],
      useFactory: (config: Pick<SharedConfig, 'database'>): Database => {
        const logger = new Logger('Database');
        return createPrismaClient({
          databaseUrl: config.database.url,
          poolSize: config.database.poolSize,
          onPoolError: (error) => logger.warn(`idle connection dropped: ${error.message}`),
        });
      },
    },
    DatabaseLifecycle,
    {
      provide: AnalysisRepository,
      inject: [DATABASE],
      useFactory: (db: Database) => new AnalysisRepository(db),
    },
  ];
}
