import { Global, Module } from '@nestjs/common';
import { AnalysisQueueService } from './analysis-queue.service.ts';
import { DATABASE, DatabaseLifecycle, databaseProvider } from './database.provider.ts';
import { REDIS, RedisLifecycle, redisProvider } from './redis.provider.ts';
import { StorageService } from './storage.service.ts';

/** Connections to Postgres, Redis (queues) and S3, shared by every feature module. */
@Global()
@Module({
  providers: [
    databaseProvider,
    DatabaseLifecycle,
    redisProvider,
    RedisLifecycle,
    StorageService,
    AnalysisQueueService,
  ],
  exports: [DATABASE, REDIS, StorageService, AnalysisQueueService],
})
export class InfraModule {}
