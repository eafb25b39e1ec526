import { Global, Module } from '@nestjs/common';
import { MailService } from '../mail/mail.service.ts';
import { MembershipChanges } from './membership-changes.ts';
import { TeamAccessService } from './team-access.service.ts';
import { TeamsController } from './teams.controller.ts';
import { TeamsService } from './teams.service.ts';

@Global()
@Module({
  controllers: [TeamsController],
  providers: [TeamsService, TeamAccessService, MembershipChanges, MailService],
  exports: [TeamAccessService, MembershipChanges],
})
export class TeamsModule {}
