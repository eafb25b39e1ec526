import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { createPrismaClient, type PrismaClient } from '../../../../prisma/prisma-client.ts';
import { LLM_WORKER_CONFIG, type LlmWorkerConfig } from '../config/llm-worker-config.ts';

export const DATABASE = Symbol('DATABASE');
export type Database = PrismaClient;

export const databaseProvider: Provider = {
  provide: DATABASE,
  inject: [LLM_WORKER_CONFIG],
  useFactory: (config: LlmWorkerConfig): Database => {
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
