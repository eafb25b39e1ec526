import { Global, Module } from '@nestjs/common';
import { AnalysisRepository } from '@mixscope/pipeline';
import { DATABASE, databaseProviders } from '@mixscope/service-kit';
import { GATEWAY_CONFIG } from '../config/gateway-config.ts';
import { AnalysisQueueService } from './analysis-queue.service.ts';
import { REDIS, RedisLifecycle, redisProvider } from './redis.provider.ts';
import { StorageService } from './storage.service.ts';

/** Connections to Postgres, Redis (queues) and S3, shared by every feature module. */
@Global()
@Module({
  providers: [
    ...databaseProviders(GATEWAY_CONFIG),
    redisProvider,
    RedisLifecycle,
    StorageService,
    AnalysisQueueService,
  ],
  exports: [DATABASE, AnalysisRepository, REDIS, StorageService, AnalysisQueueService],
})
export class InfraModule {}
