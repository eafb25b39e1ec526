import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.ts';
import { ProgressRelayService } from './progress-relay.service.ts';
import { ProgressGateway } from './progress.gateway.ts';

@Module({
  imports: [AuthModule],
  providers: [ProgressGateway, ProgressRelayService],
  exports: [ProgressGateway],
})
export class ProgressModule {}
