import { describe, expect, it } from 'vitest';
import {
  analysisFlow,
  fairPriority,
  feedbackJob,
  jobPayloadSchemas,
  workerOptions,
} from './job-options.ts';
import { analysisIdOfJob, jobIds, JobName, QueueName } from './queue-names.ts';
import { queueSettings, queueSettingsFromEnv, resolveQueueSettings } from './queue-settings.ts';

const ID = '3f2a6c1e-9b7d-4e2f-8a1c-5d6e7f8a9b0c';
const TEAM = '0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const UPLOAD = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

describe('queue and job names', () => {
  it('keep the strings persisted in Redis', () => {
    expect(QueueName).toEqual({ analyze: 'analyze', finalize: 'finalize', feedback: 'feedback' });
    expect(JobName).toEqual({
      analyzeTrack: 'analyze-track',
      finalizeAnalysis: 'finalize-analysis',
      writeFeedback: 'write-feedback',
    });
  });
});

describe('job ids', () => {
  it('derive from the analysis id and lead back to it', () => {
    for (const id of [
      jobIds.analyzeTrack(ID, 'mix'),
      jobIds.analyzeTrack(ID, 'reference'),
      jobIds.finalizeAnalysis(ID),
      jobIds.writeFeedback(ID),
    ]) {
      expect(id).not.toContain(':');
      expect(analysisIdOfJob(id)).toBe(ID);
    }
    expect(jobIds.analyzeTrack(ID, 'mix')).not.toBe(jobIds.analyzeTrack(ID, 'reference'));
    expect(analysisIdOfJob(undefined)).toBeNull();
    expect(analysisIdOfJob('123')).toBeNull();
  });
});

describe('queue settings', () => {
  it('take the overrides a deployment sets, the analyze concurrency for that queue alone', () => {
    const resolved = queueSettingsFromEnv({
      ANALYZE_CONCURRENCY: 3,
      QUEUE_LOCK_DURATION_MS: undefined,
      QUEUE_STALLED_INTERVAL_MS: undefined,
      JOB_ATTEMPTS: 5,
      JOB_BACKOFF_MS: 250,
    });
    expect(resolved.analyze).toMatchObject({ concurrency: 3, attempts: 5, backoffDelayMs: 250 });
    expect(resolved.finalize).toMatchObject({
      concurrency: queueSettings.finalize.concurrency,
      attempts: 5,
      lockDurationMs: queueSettings.finalize.lockDurationMs,
    });
    expect(resolveQueueSettings()).toEqual(queueSettings);
  });

  it('give workers their concurrency, locks and stall detection', () => {
    expect(workerOptions(queueSettings.feedback)).toEqual({
      concurrency: 2,
      lockDuration: 60_000,
      stalledInterval: 30_000,
      maxStalledCount: 1,
    });
  });
});

describe('analysisFlow', () => {
  const track = (role: 'mix' | 'reference') => ({
    role,
    uploadId: UPLOAD,
    objectKey: `audio/${role}`,
    fileName: `${role}.wav`,
    sizeBytes: 1000,
  });

  it('is a finalize parent over one analyze child per track, with derived ids and payloads the schemas accept', () => {
    const flow = analysisFlow(
      { analysisId: ID, teamId: TEAM, tracks: [track('mix'), track('reference')] },
      queueSettings,
    );
    expect(flow).toMatchObject({
      name: JobName.finalizeAnalysis,
      queueName: QueueName.finalize,
      data: { analysisId: ID, teamId: TEAM, hasReference: true },
      opts: {
        jobId: jobIds.finalizeAnalysis(ID),
        attempts: 3,
        backoff: { type: 'exponential', delay: 5_000 },
      },
    });
    expect(jobPayloadSchemas[JobName.finalizeAnalysis].safeParse(flow.data).success).toBe(true);
    expect(flow.children).toHaveLength(2);
    for (const child of flow.children ?? []) {
      expect(child.queueName).toBe(QueueName.analyze);
      expect(child.opts).toMatchObject({ failParentOnFailure: true });
      const payload = jobPayloadSchemas[JobName.analyzeTrack].parse(child.data);
      expect(payload.trackCount).toBe(2);
      expect(child.opts?.jobId).toBe(jobIds.analyzeTrack(ID, payload.role));
    }
  });

  it('has no reference without a reference track', () => {
    const flow = analysisFlow(
      { analysisId: ID, teamId: TEAM, tracks: [track('mix')] },
      queueSettings,
    );
    expect(flow.data).toMatchObject({ hasReference: false });
    expect(flow.children?.[0].data).toMatchObject({ trackCount: 1 });
  });
});

describe('fairPriority', () => {
  it('is the team backlog, within what BullMQ accepts, on every job of the flow', () => {
    expect([undefined, 0, 1, 7, 10_000_000].map(fairPriority)).toEqual([1, 1, 1, 7, 2_097_152]);
    const flow = analysisFlow(
      {
        analysisId: ID,
        teamId: TEAM,
        teamBacklog: 7,
        tracks: [
          { role: 'mix', uploadId: UPLOAD, objectKey: 'k', fileName: 'm.wav', sizeBytes: 1 },
        ],
      },
      queueSettings,
    );
    expect(flow.opts?.priority).toBe(7);
    expect(flow.children?.[0].opts?.priority).toBe(7);
  });
});

describe('feedbackJob', () => {
  it('is the write-feedback job under the derived id, with the feedback queue settings', () => {
    const payload = { analysisId: ID, genre: 'pop', targets: ['spotify'] };
    expect(feedbackJob(payload, queueSettings)).toEqual({
      name: JobName.writeFeedback,
      data: payload,
      opts: {
        jobId: jobIds.writeFeedback(ID),
        attempts: 3,
        backoff: { type: 'exponential', delay: 10_000 },
        removeOnComplete: queueSettings.feedback.removeOnComplete,
        removeOnFail: queueSettings.feedback.removeOnFail,
      },
    });
  });
});
