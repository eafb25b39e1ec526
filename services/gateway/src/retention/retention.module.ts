import { Module } from '@nestjs/common';
import { AudioRetentionService } from './audio-retention.service.ts';

@Module({ providers: [AudioRetentionService] })
export class RetentionModule {}
