import 'reflect-metadata';
import { Logger, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createJsonLogger, NestJsonLogger } from '@mixscope/observability';
import { loadConfigOrExit, runService } from '@mixscope/service-kit';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { Histogram } from 'prom-client';
import { AppModule } from './app.module.ts';
import { crossSiteGuard } from './auth/cross-site.ts';
import { apiComponentSchemas } from './common/api-doc.ts';
import { JSON_BODY_LIMIT, checkJsonBody } from './common/json-body.ts';
import { loadGatewayConfig } from './config/gateway-config.ts';
import { StorageService } from './infra/storage.service.ts';
import { HTTP_LATENCY } from './observability/metrics.providers.ts';
import { requestContextMiddleware } from './observability/request-context.middleware.ts';
import { RedisIoAdapter } from './progress/redis-io.adapter.ts';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(loadGatewayConfig);
  const log = createJsonLogger({
    service: 'gateway',
    level: config.logLevel,
    format: config.logFormat,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new NestJsonLogger(log),
    // JSON only, bounded in size and depth (no form or text parsers: see common/json-body.ts).
    bodyParser: false,
  });
  // First, so every later line of a request carries its id.
  app.use(
    requestContextMiddleware(log, app.get<Histogram<'method' | 'route' | 'status'>>(HTTP_LATENCY)),
  );
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.set('trust proxy', config.http.trustProxy);
  const production = config.env === 'production';
  app.use(
    helmet({
      // Over plain HTTP (local stacks) these would send browsers to https:// and break the docs page.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: production ? [] : null } },
      strictTransportSecurity: production,
    }),
  );
  app.use(crossSiteGuard(config.http.corsOrigins, config.auth.cookieName));
  app.useBodyParser('json', {
    limit: JSON_BODY_LIMIT,
    verify: (_req: unknown, _res: unknown, body: Buffer) => checkJsonBody(body),
  });
  app.use(cookieParser());
  app.enableCors({ origin: config.http.corsOrigins, credentials: true });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  const socketLogger = new Logger('SocketAdapter');
  const io = new RedisIoAdapter(app, {
    redisUrl: config.redis.url,
    keyPrefix: config.redis.prefix,
    corsOrigins: config.http.corsOrigins,
    onError: (error) => socketLogger.warn(`redis: ${error.message}`),
  });
  app.useWebSocketAdapter(io);
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('MixScope API')
    .setDescription('Upload mixes, run analyses, follow their progress, read the results.')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(config.auth.cookieName)
    .build();
  SwaggerModule.setup('api/docs', app, () => {
    const document = SwaggerModule.createDocument(app, openApi);
    // Response schemas are the contract's zod schemas; the routes refer to them by name.
    document.components = {
      ...document.components,
      schemas: { ...document.components?.schemas, ...apiComponentSchemas() },
    };
    return document;
  });

  await app.get(StorageService).ensureBucket();
  await app.listen(config.http.port, process.env.HOST ?? '0.0.0.0');
  new Logger('Gateway').log(
    `listening on http://127.0.0.1:${config.http.port}/api (docs at /api/docs)`,
  );
}

runService(bootstrap);
