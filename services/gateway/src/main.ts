import 'reflect-metadata';
import { Logger, ValidationPipe, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigError } from '@mixscope/contracts';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { ServerOptions } from 'socket.io';
import { AppModule } from './app.module.ts';
import { loadGatewayConfig, type GatewayConfig } from './config/gateway-config.ts';
import { StorageService } from './infra/storage.service.ts';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Socket.IO with the same CORS allow-list as the HTTP API. */
class CorsIoAdapter extends IoAdapter {
  constructor(
    app: NestExpressApplication,
    private readonly origins: string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions) {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: this.origins, credentials: true },
    });
  }
}

function loadConfigOrExit(): GatewayConfig {
  try {
    return loadGatewayConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
  app.setGlobalPrefix('api');
  app.set('trust proxy', config.http.trustProxy);
  const production = config.env === 'production';
  app.use(
    helmet({
      // Over plain HTTP (local stacks) these would send browsers to https:// and break the docs page.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: production ? [] : null } },
      strictTransportSecurity: production,
    }),
  );
  app.use(cookieParser());
  app.enableCors({ origin: config.http.corsOrigins, credentials: true });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useWebSocketAdapter(new CorsIoAdapter(app, config.http.corsOrigins));
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('MixScope API')
    .setDescription('Upload mixes, run analyses, follow their progress, read the results.')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(config.auth.cookieName)
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  await app.get(StorageService).ensureBucket();
  await app.listen(config.http.port, process.env.HOST ?? '0.0.0.0');
  new Logger('Gateway').log(
    `listening on http://127.0.0.1:${config.http.port}/api (docs at /api/docs)`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
