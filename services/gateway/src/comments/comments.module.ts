import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module.ts';
import { CommentsController } from './comments.controller.ts';
import { CommentsService } from './comments.service.ts';

/** Timestamped, threaded comments on an analysis, sent live to the sockets watching it. */
@Module({
  imports: [ProgressModule],
  controllers: [CommentsController],
  providers: [CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
