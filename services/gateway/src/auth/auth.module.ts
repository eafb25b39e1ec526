import { Module } from '@nestjs/common';
import { ThrottlingModule } from '../throttling/throttling.module.ts';
import { AuthController } from './auth.controller.ts';
import { AuthGuard } from './auth.guard.ts';
import { AuthService } from './auth.service.ts';
import { CredentialInvalidations } from './credential-invalidations.ts';
import { SessionRevocations } from './session-revocations.ts';
import { SessionService } from './session.service.ts';

@Module({
  imports: [ThrottlingModule],
  controllers: [AuthController],
  providers: [AuthService, SessionService, SessionRevocations, CredentialInvalidations, AuthGuard],
  exports: [SessionService, SessionRevocations, AuthGuard],
})
export class AuthModule {}
