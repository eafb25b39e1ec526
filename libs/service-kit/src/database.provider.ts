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

export const DATABASE = Symbol('DATABASE');
export type Database = PrismaClient;

@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.$disconnect();
  }
}

/** The Prisma client under DATABASE, built from the service's config, and its disconnect on shutdown. */
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
  ];
}
