import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AnalysesModule } from './analyses/analyses.module.ts';
import { AuthGuard } from './auth/auth.guard.ts';
import { AuthModule } from './auth/auth.module.ts';
import { CommentsModule } from './comments/comments.module.ts';
import { UnexpectedErrorFilter } from './common/unavailable.filter.ts';
import { ConfigModule } from './config/config.module.ts';
import type { GatewayConfig } from './config/gateway-config.ts';
import { HealthController } from './health/health.controller.ts';
import { InfraModule } from './infra/infra.module.ts';
import { MailModule } from './mail/mail.module.ts';
import { MetricsModule } from './observability/metrics.module.ts';
import { PlaybackModule } from './playback/playback.module.ts';
import { ProfilesModule } from './profiles/profiles.module.ts';
import { ProgressModule } from './progress/progress.module.ts';
import { ProjectsModule } from './projects/projects.module.ts';
import { RetentionModule } from './retention/retention.module.ts';
import { SharesModule } from './shares/shares.module.ts';
import { TeamsModule } from './teams/teams.module.ts';
import { ThrottlingModule } from './throttling/throttling.module.ts';
import { UserThrottlerGuard } from './throttling/throttling.module.ts';
import { UploadsModule } from './uploads/uploads.module.ts';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        InfraModule,
        MailModule,
        MetricsModule,
        ThrottlingModule,
        AuthModule,
        TeamsModule,
        ProjectsModule,
        UploadsModule,
        AnalysesModule,
        PlaybackModule,
        CommentsModule,
        SharesModule,
        ProfilesModule,
        ProgressModule,
        RetentionModule,
      ],
      controllers: [HealthController],
      providers: [
        // Order matters: the caller is known before the rate limit picks its counter.
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_GUARD, useExisting: UserThrottlerGuard },
        { provide: APP_FILTER, useClass: UnexpectedErrorFilter },
      ],
    };
  }
}
