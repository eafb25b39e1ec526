import { Controller, Get, Header, Inject, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Registry } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth-context.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { METRICS_REGISTRY } from './metrics.providers.ts';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics (outside /api) in Prometheus' text format; behind a bearer token when one is set. */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.metrics.token;
    if (token) {
      const given = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      if (!sameSecret(given, token)) throw new UnauthorizedException('A metrics token is required');
    }
    res.setHeader('Content-Type', this.registry.contentType);
    res.send(await this.registry.metrics());
  }
}
