/**
 * Medium tier (real Postgres and Redis): REST and Socket.IO report the same stage and percent for
 * the same analysis at the same moment. Track progress is published the way the analyzer
 * publishes it (publishTrackProgress); the moment the socket relay emits its event for a report,
 * that event is compared with what GET /api/analyses/:id builds from the database.
 */
import {
  redisConnectionFields,
  type AnalysisProgressEvent,
  type AnalyzeTrackPayload,
  type ProgressStage,
  type TrackRole,
} from '@mixscope/contracts';
import {
  AnalysisRepository,
  JobName,
  QueueName,
  jobIds,
  publishTrackProgress,
} from '@mixscope/pipeline';
import {
  MEDIUM_REDIS_URL,
  createAnalysesTestBed,
  createTestAnalysis,
  postgresAndRedis,
  type TestDatabase,
  type TestOwner,
} from '@mixscope/pipeline/testing';
import { describeWith } from '@mixscope/test-requirements';
import { Queue, type Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toAnalysisDto } from '../analyses/analysis-view.ts';
import type { GatewayConfig } from '../config/gateway-config.ts';
import { ProgressRelayService } from './progress-relay.service.ts';
import type { ProgressGateway } from './progress.gateway.ts';

const prefix = `mixscope-test-progress-${process.pid}`;

/** Polls `probe` until it returns something, for at most `timeoutMs`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A relay as the gateway runs it, its Socket.IO side replaced by a recorder of what it emits. */
function startRelay(analyses: AnalysisRepository) {
  const emitted: AnalysisProgressEvent[] = [];
  const sockets: Partial<ProgressGateway> = {
    emit(_teamId: string, _analysisId: string, event: string, ...payload: unknown[]) {
      if (event === 'analysis.progress') emitted.push(payload[0] as AnalysisProgressEvent);
    },
  };
  const config = { redis: { url: MEDIUM_REDIS_URL, prefix } } as GatewayConfig;
  const relay = new ProgressRelayService(config, analyses, sockets as ProgressGateway);
  relay.onApplicationBootstrap();
  return { relay, emitted };
}

describeWith(await postgresAndRedis(), 'progress: REST and Socket.IO agree', () => {
  let database: TestDatabase;
  let analyses: AnalysisRepository;
  let queue: Queue;
  let owner: TestOwner;
  const relays: ProgressRelayService[] = [];

  beforeAll(async () => {
    ({ database, analyses, owner } = await createAnalysesTestBed(
      'gateway_progress_test',
      'progress',
    ));
    queue = new Queue(QueueName.analyze, {
      connection: { ...redisConnectionFields(MEDIUM_REDIS_URL), maxRetriesPerRequest: null },
      prefix,
    });
  });

  afterAll(async () => {
    await Promise.allSettled(relays.map((relay) => relay.onApplicationShutdown()));
    await queue?.obliterate({ force: true }).catch(() => {});
    await queue?.close();
    await database?.drop();
  });

  /** A running analysis of a mix and a reference, with a waiting `analyze` job per track. */
  async function runningAnalysis() {
    const { id, mixUpload, referenceUpload } = await createTestAnalysis(
      { analyses, owner },
      { referenceFileName: 'ref.wav' },
    );
    const jobs: Partial<Record<TrackRole, Job>> = {};
    for (const [role, upload] of [
      ['mix', mixUpload],
      ['reference', referenceUpload!],
    ] as const) {
      await analyses.beginTrack(id, role);
      const payload: AnalyzeTrackPayload = {
        analysisId: id,
        teamId: owner.teamId,
        role,
        trackCount: 2,
        uploadId: upload.id,
        objectKey: upload.objectKey,
        fileName: upload.fileName,
        sizeBytes: 1000,
      };
      jobs[role] = await queue.add(JobName.analyzeTrack, payload, {
        jobId: jobIds.analyzeTrack(id, role),
      });
    }
    /** One report of one track, published as the analyzer publishes it. */
    const report = (role: TrackRole, stage: ProgressStage, percent: number) =>
      publishTrackProgress(jobs[role]!, analyses, {
        analysisId: id,
        teamId: owner.teamId,
        role,
        trackCount: 2,
        stage,
        percent,
      });
    return { id, report };
  }

  /** What GET /api/analyses/:id says right now. */
  async function rest(id: string) {
    const dto = toAnalysisDto((await analyses.findForTeams(id, [owner.teamId]))!);
    return { stage: dto.stage, percent: dto.percent };
  }

  /** Waits for the relay's next event about `id` and returns its stage and percent. */
  async function nextEvent(emitted: AnalysisProgressEvent[], id: string, count: number) {
    const event = await until(
      `progress event ${count} of ${id}`,
      async () => emitted.filter((e) => e.analysisId === id)[count - 1],
      5_000,
    );
    return { stage: event.stage, percent: event.percent };
  }

  /** Until the relay hears events, reports are lost: announce one until it is heard. */
  async function warmUp(emitted: AnalysisProgressEvent[]) {
    const probe = await runningAnalysis();
    await until(
      'the relay to listen',
      async () => {
        await probe.report('mix', 'decoding', 1);
        await sleep(50);
        return emitted.some((e) => e.analysisId === probe.id) || undefined;
      },
      10_000,
    );
  }

  // Interleaved reports of two tracks, the one ahead often speaking last.
  const script: [TrackRole, ProgressStage, number, { stage: ProgressStage; percent: number }][] = [
    ['mix', 'decoding', 10, { stage: 'decoding', percent: 5 }],
    ['reference', 'decoding', 4, { stage: 'decoding', percent: 7 }],
    ['mix', 'loudness', 40, { stage: 'decoding', percent: 22 }],
    ['mix', 'spectrum', 55, { stage: 'decoding', percent: 29.5 }],
    ['reference', 'loudness', 40, { stage: 'loudness', percent: 47.5 }],
    ['reference', 'stereo', 70, { stage: 'spectrum', percent: 62.5 }],
    ['mix', 'key', 90, { stage: 'stereo', percent: 80 }],
    ['reference', 'saving', 100, { stage: 'key', percent: 95 }],
    ['mix', 'saving', 97, { stage: 'saving', percent: 98.5 }],
  ];

  it('after every report, the socket event and REST say the same stage and percent', async () => {
    const { relay, emitted } = startRelay(analyses);
    relays.push(relay);
    await warmUp(emitted);
    const { id, report } = await runningAnalysis();
    let count = 0;
    for (const [role, stage, percent, expected] of script) {
      // REST is asked the moment the socket event arrives, not once the report is all done.
      const reported = report(role, stage, percent);
      const socket = await nextEvent(emitted, id, ++count);
      const atThatMoment = await rest(id);
      await reported;
      expect(socket, `socket after ${role} ${stage} ${percent}`).toEqual(expected);
      expect(atThatMoment, `REST after ${role} ${stage} ${percent}`).toEqual(socket);
    }
  });

  it('a relay that starts listening midway agrees with REST from its first event', async () => {
    const { id, report } = await runningAnalysis();
    await report('reference', 'saving', 100);
    await report('mix', 'loudness', 40);
    const { relay, emitted } = startRelay(analyses);
    relays.push(relay);
    await warmUp(emitted);
    await report('mix', 'spectrum', 55);
    const socket = await nextEvent(emitted, id, 1);
    expect(socket).toEqual({ stage: 'spectrum', percent: 77.5 });
    expect(await rest(id)).toEqual(socket);
    expect(emitted.find((e) => e.analysisId === id)?.role).toBe('mix');
  });
});
