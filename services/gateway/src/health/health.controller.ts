import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth-context.ts';
import { AnalysisQueueService } from '../infra/analysis-queue.service.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { StorageService } from '../infra/storage.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import { healthResponseSchema } from '@mixscope/contracts';

const CHECK_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return `unreachable: ${(error as Error).message || (error as Error).name}`;
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly queue: AnalysisQueueService,
    private readonly storage: StorageService,
  ) {}

  /** Liveness: the process answers. */
  // Liveness stays unthrottled (it touches nothing); readiness queries every backing service.
  @SkipThrottle()
  @ApiDoc('Liveness: the process answers', 200, healthResponseSchema)
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: Postgres, Redis and S3 all answer. */
  @ApiDoc(
    'Readiness: Postgres, Redis and S3 all answer (503 when one does not)',
    200,
    healthResponseSchema,
  )
  @Get('ready')
  async ready() {
    const [postgres, redis, s3] = await Promise.all([
      check(() => this.db.$queryRaw`SELECT 1`),
      check(() => this.queue.ping()),
      check(() => this.storage.ping()),
    ]);
    const checks = { postgres, redis, s3 };
    const ready = Object.values(checks).every((c) => c === 'ok');
    if (!ready) throw new ServiceUnavailableException({ status: 'not ready', checks });
    return { status: 'ready', checks };
  }
}
