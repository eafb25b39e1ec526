import { Global, Module } from '@nestjs/common';
import { MembershipChanges } from './membership-changes.ts';
import { TeamAccessService } from './team-access.service.ts';
import { TeamsController } from './teams.controller.ts';
import { TeamsService } from './teams.service.ts';

@Global()
@Module({
  controllers: [TeamsController],
  providers: [TeamsService, TeamAccessService, MembershipChanges],
  exports: [TeamAccessService, MembershipChanges],
})
export class TeamsModule {}
