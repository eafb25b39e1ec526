import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module.ts';
import { PlaybackModule } from '../playback/playback.module.ts';
import { SharedController } from './shared.controller.ts';
import { SharesController } from './shares.controller.ts';
import { SharesService } from './shares.service.ts';

@Module({
  imports: [PlaybackModule, CommentsModule],
  controllers: [SharesController, SharedController],
  providers: [SharesService],
})
export class SharesModule {}
