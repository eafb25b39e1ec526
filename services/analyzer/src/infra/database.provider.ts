import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { createPrismaClient, type PrismaClient } from '../../../../prisma/prisma-client.ts';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.ts';

export const DATABASE = Symbol('DATABASE');
export type Database = PrismaClient;

export const databaseProvider: Provider = {
  provide: DATABASE,
  inject: [ANALYZER_CONFIG],
  useFactory: (config: AnalyzerConfig): Database => {
    const logger = new Logger('Database');
    return createPrismaClient({
      databaseUrl: config.database.url,
      poolSize: config.database.poolSize,
      onPoolError: (error) => logger.warn(`idle connection dropped: ${error.message}`),
    });
  },
};

@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.$disconnect();
  }
}
