import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module.ts';
import { ProjectsModule } from '../projects/projects.module.ts';
import { UploadsModule } from '../uploads/uploads.module.ts';
import { AnalysesController } from './analyses.controller.ts';
import { AnalysesService } from './analyses.service.ts';
import { AnalysisDocuments } from './analysis-documents.ts';
import { AnalysisReconcilerService } from './analysis-reconciler.service.ts';

@Module({
  imports: [ProjectsModule, UploadsModule, ProfilesModule],
  controllers: [AnalysesController],
  providers: [AnalysesService, AnalysisDocuments, AnalysisReconcilerService],
})
export class AnalysesModule {}
