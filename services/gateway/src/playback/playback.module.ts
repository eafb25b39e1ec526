import { Module } from '@nestjs/common';
import { PlaybackController } from './playback.controller.ts';
import { PlaybackService } from './playback.service.ts';

/** A track's waveform levels and presigned GETs of its original file. */
@Module({
  controllers: [PlaybackController],
  providers: [PlaybackService],
  exports: [PlaybackService],
})
export class PlaybackModule {}
