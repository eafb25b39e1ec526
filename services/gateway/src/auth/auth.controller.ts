import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { RateLimit } from '../throttling/rate-limit.decorator.ts';
import { CurrentAuth, Public, type AuthContext } from './auth-context.ts';
import { CreateApiTokenDto, LoginDto, SignupDto, VerifySignupDto } from './auth.dto.ts';
import { credentialOf } from './auth.guard.ts';
import { AuthService } from './auth.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import {
  apiTokenDtoSchema,
  apiTokenResponseSchema,
  loginResponseSchema,
  meResponseSchema,
  signupPendingResponseSchema,
  signupResponseSchema,
} from '@mixscope/contracts';

@ApiTags('auth')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @RateLimit('auth')
  @ApiDoc(
    'Sign up: mails a link that creates the account and its team (202, the same answer whether or not the address is registered); with an invitation token, joins its team at once (201, sets the session cookie)',
    202,
    signupPendingResponseSchema,
  )
  @Post('auth/signup')
  @HttpCode(202)
  async signup(@Body() dto: SignupDto, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.signup(dto);
    if ('accessToken' in result) {
      res.status(201);
      this.setSessionCookie(res, result.accessToken);
    }
    return result;
  }

  // Under the default limit only: the link's 256-bit token cannot be guessed, and following it
  // must not spend the sign-up's own budget.
  @Public()
  @ApiDoc(
    'Follow the mailed sign-up link: creates the account and its team; sets the session cookie',
    201,
    signupResponseSchema,
  )
  @Post('auth/signup/verify')
  async verifySignup(@Body() dto: VerifySignupDto, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.verifySignup(dto);
    this.setSessionCookie(res, result.accessToken);
    return result;
  }

  @Public()
  @RateLimit('auth')
  @ApiDoc('Log in; sets the session cookie', 200, loginResponseSchema)
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(dto);
    this.setSessionCookie(res, result.accessToken);
    return result;
  }

  @Public()
  @ApiDoc('End the session and clear its cookie', 204)
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const credential = credentialOf(
      req.headers.authorization,
      req.cookies as Record<string, string> | undefined,
      this.config.auth.cookieName,
    );
    await this.auth.logout(credential);
    res.clearCookie(this.config.auth.cookieName, this.cookieOptions());
  }

  @ApiDoc('The caller and the teams they belong to', 200, meResponseSchema)
  @Get('me')
  me(@CurrentAuth() auth: AuthContext) {
    return this.auth.me(auth);
  }

  @ApiDoc('Create a personal API token (its secret is shown once)', 201, apiTokenResponseSchema)
  @Post('tokens')
  createToken(@CurrentAuth() auth: AuthContext, @Body() dto: CreateApiTokenDto) {
    // Only a login session mints tokens: otherwise a leaked token could outlive its revocation.
    if (!auth.sessionId)
      throw new ForbiddenException('API tokens can only be created from a login session');
    return this.auth.createApiToken(auth, dto);
  }

  @ApiDoc("List the caller's live API tokens", 200, [apiTokenDtoSchema])
  @Get('tokens')
  listTokens(@CurrentAuth() auth: AuthContext) {
    return this.auth.listApiTokens(auth);
  }

  @ApiDoc('Revoke an API token', 204)
  @Delete('tokens/:tokenId')
  @HttpCode(204)
  async revokeToken(
    @CurrentAuth() auth: AuthContext,
    @Param('tokenId', UuidParamPipe) tokenId: string,
  ): Promise<void> {
    if (!(await this.auth.revokeApiToken(auth, tokenId))) throw new NotFoundException('Not found');
  }

  private cookieOptions() {
    return {
      httpOnly: true,
      sameSite: this.config.auth.cookieSameSite,
      secure: this.config.auth.cookieSecure,
      path: '/',
    } as const;
  }

  private setSessionCookie(res: Response, token: string): void {
    res.cookie(this.config.auth.cookieName, token, {
      ...this.cookieOptions(),
      maxAge: this.config.auth.jwtTtlSec * 1000,
    });
  }
}
