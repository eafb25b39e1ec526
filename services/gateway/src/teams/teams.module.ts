import { Global, Module } from '@nestjs/common';
import { TeamAccessService } from './team-access.service.ts';
import { TeamsController } from './teams.controller.ts';
import { TeamsService } from './teams.service.ts';

@Global()
@Module({
  controllers: [TeamsController],
  providers: [TeamsService, TeamAccessService],
  exports: [TeamAccessService],
})
export class TeamsModule {}
