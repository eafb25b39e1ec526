import { Module } from '@nestjs/common';
import { SharedController } from './shared.controller.ts';
import { SharesController } from './shares.controller.ts';
import { SharesService } from './shares.service.ts';

@Module({
  controllers: [SharesController, SharedController],
  providers: [SharesService],
})
export class SharesModule {}
