import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.ts';
import { ThrottlingModule } from '../throttling/throttling.module.ts';
import { UploadsController } from './uploads.controller.ts';
import { UploadsService } from './uploads.service.ts';

@Module({
  imports: [ProjectsModule, ThrottlingModule],
  controllers: [UploadsController],
  providers: [UploadsService],
  exports: [UploadsService],
})
export class UploadsModule {}
