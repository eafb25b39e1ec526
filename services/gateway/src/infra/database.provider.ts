import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { createPrismaClient, type PrismaClient } from '../../../../prisma/prisma-client.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';

export const DATABASE = Symbol('DATABASE');
export type Database = PrismaClient;

export const databaseProvider: Provider = {
  provide: DATABASE,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig): Database => {
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
