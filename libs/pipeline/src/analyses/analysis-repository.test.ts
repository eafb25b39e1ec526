/** Medium tier: the repository against a real, freshly migrated Postgres database. */
import { buildAnalysisResult, buildReferenceTrack } from '@mixscope/contracts/testing';
import { compareResults } from '@mixscope/dsp';
import { buildFeedback, buildTargetProfile } from '@mixscope/feedback';
import { describeWith } from '@mixscope/test-requirements';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresRequirement, type TestDatabase } from '../test-support/medium-tier.ts';
import {
  createAnalysesTestBed,
  createTestAnalysis,
  storeMeasuredTracks,
  type TestAnalysisChoices,
  type TestOwner,
} from '../test-support/test-analyses.ts';
import { AnalysisRepository } from './analysis-repository.ts';
import { attachReference } from '@mixscope/contracts';
import { StoredDocumentError } from './stored-document-error.ts';

describeWith(await postgresRequirement(), 'AnalysisRepository', () => {
  let database: TestDatabase;
  let analyses: AnalysisRepository;
  let owner: TestOwner;
  const mix = buildAnalysisResult();
  const reference = buildReferenceTrack();
  const comparison = compareResults(mix, reference);

  beforeAll(async () => {
    ({ database, analyses, owner } = await createAnalysesTestBed(
      'pipeline_repository_test',
      'repository',
    ));
  });

  afterAll(async () => {
    await database?.drop();
  });

  function newAnalysis(withReference: boolean, choices: TestAnalysisChoices = {}) {
    const referenceFileName = withReference ? 'ref.flac' : undefined;
    return createTestAnalysis({ analyses, owner }, { referenceFileName, ...choices });
  }

  /** Measures and completes an analysis the way the analyzer does. */
  async function completed(withReference: boolean) {
    const created = await newAnalysis(withReference);
    await storeMeasuredTracks(
      analyses,
      created.id,
      withReference ? { mix, reference, comparison } : { mix, comparison: null },
    );
    return created;
  }

  it('numbers analyses by revision per project and shows them only to their team', async () => {
    const first = await newAnalysis(false, { title: 'first', genre: 'rock', targets: ['tidal'] });
    const second = await newAnalysis(false);
    const stored = await analyses.findForTeams(first.id, [owner.teamId]);
    expect(stored).toMatchObject({
      title: 'first',
      genre: 'rock',
      targets: ['tidal'],
      status: 'queued',
      roles: ['mix'],
      progress: {},
      result: null,
      report: null,
    });
    const later = await analyses.findForTeams(second.id, [owner.teamId]);
    expect(later!.revision).toBe(stored!.revision + 1);
    expect(
      await analyses.findForTeams(first.id, ['00000000-0000-4000-8000-000000000000']),
    ).toBeNull();
    expect(await analyses.teamOf(first.id)).toBe(owner.teamId);
  });

  it('records each track’s progress while the analysis runs, and not before', async () => {
    const { id } = await newAnalysis(true);
    await analyses.recordProgress(id, 'mix', { stage: 'decoding', percent: 10 });
    expect(await analyses.progressOf(id)).toEqual({});
    expect(await analyses.beginTrack(id, 'mix')).toBe('to-measure');
    await analyses.recordProgress(id, 'mix', { stage: 'spectrum', percent: 55 });
    await analyses.recordProgress(id, 'reference', { stage: 'loudness', percent: 40 });
    const progress = {
      mix: { stage: 'spectrum', percent: 55 },
      reference: { stage: 'loudness', percent: 40 },
    };
    expect(await analyses.progressOf(id)).toEqual(progress);
    expect(await analyses.findForTeams(id, [owner.teamId])).toMatchObject({
      status: 'running',
      roles: ['mix', 'reference'],
      progress,
      result: null,
    });
  });

  it('tells a subscriber where an analysis is now: progress by the one rule, or how it ended', async () => {
    const { id } = await newAnalysis(true);
    expect(await analyses.nowOf(id)).toEqual({
      teamId: owner.teamId,
      status: 'queued',
      progress: null,
    });
    await analyses.beginTrack(id, 'mix');
    await analyses.recordProgress(id, 'mix', { stage: 'spectrum', percent: 55 });
    await analyses.recordProgress(id, 'reference', { stage: 'loudness', percent: 40 });
    expect(await analyses.nowOf(id)).toEqual({
      teamId: owner.teamId,
      status: 'running',
      progress: { stage: 'loudness', percent: 47.5, role: 'reference' },
    });

    const done = await completed(false);
    expect(await analyses.nowOf(done.id)).toMatchObject({
      status: 'completed',
      reportSource: null,
    });
    await analyses.saveReport(done.id, await buildFeedback(mix, { groq: { apiKey: '' } }));
    expect(await analyses.nowOf(done.id)).toMatchObject({
      status: 'completed',
      reportSource: 'rules',
    });

    const broken = await newAnalysis(false);
    await analyses.fail(broken.id, 'Not an audio file', 'NOT_DECODABLE');
    expect(await analyses.nowOf(broken.id)).toEqual({
      teamId: owner.teamId,
      status: 'failed',
      error: 'Not an audio file',
    });
    expect(await analyses.nowOf('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it("gives a target profile the mix results of the team's analyses, and the feedback its copy", async () => {
    const withRef = await completed(true);
    const alone = await completed(false);
    const queued = await newAnalysis(false);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const found = await analyses.findMixResults(
      [alone.id, unknown, withRef.id, queued.id],
      owner.teamId,
    );
    // In the order asked; the mix alone, without the reference attached; nothing for the unknown.
    expect(found).toEqual([
      { analysisId: alone.id, status: 'completed', result: mix },
      { analysisId: withRef.id, status: 'completed', result: mix },
      { analysisId: queued.id, status: 'queued', result: null },
    ]);
    expect(await analyses.findMixResults([withRef.id], unknown)).toEqual([]);

    const profile = buildTargetProfile([
      { label: 'a.wav', result: mix },
      { label: 'b.wav', result: reference },
    ]);
    const row = await database.prisma.targetProfile.create({
      data: {
        teamId: owner.teamId,
        name: 'Refs',
        createdById: owner.userId,
        sourceAnalysisIds: [alone.id, withRef.id],
        profile,
      },
    });
    const judged = await newAnalysis(false, { target: { profileId: row.id, profile } });
    await storeMeasuredTracks(analyses, judged.id, { mix, comparison: null });
    expect(await analyses.findForFeedback(judged.id)).toEqual({
      state: 'ready',
      result: mix,
      target: profile,
    });
    // Deleting the profile leaves the analysis its copy.
    await database.prisma.targetProfile.delete({ where: { id: row.id } });
    expect(await analyses.findForFeedback(judged.id)).toMatchObject({ target: profile });
  });

  it('returns the completed mix with the reference and the comparison attached, as the CLI prints it', async () => {
    const { id } = await completed(true);
    const expected = { ...mix, reference, comparison };
    expect(attachReference(mix, reference, comparison)).toEqual(expected);
    const stored = await analyses.findForTeams(id, [owner.teamId]);
    expect(stored!.result).toEqual(expected);
    expect(stored!.progress).toEqual({
      mix: { stage: 'saving', percent: 100 },
      reference: { stage: 'saving', percent: 100 },
    });
    expect(await analyses.findForFeedback(id)).toEqual({
      state: 'ready',
      result: expected,
      target: null,
    });
    expect((await analyses.findToFinalize(id))!.tracks).toEqual({ mix, reference });
    expect(await analyses.beginTrack(id, 'mix')).toBe('already-measured');
  });

  it('returns the mix alone without a reference, and its headline figures in the list', async () => {
    const { id } = await completed(false);
    expect((await analyses.findForTeams(id, [owner.teamId]))!.result).toEqual(mix);
    const page = await analyses.listForProject(owner.projectId, { limit: 100 });
    expect(page.items.find((item) => item.id === id)).toMatchObject({
      status: 'completed',
      fileName: 'mix.wav',
      referenceFileName: null,
      headline: {
        integratedLufs: mix.loudness.integratedLufs,
        truePeakDbtp: mix.loudness.truePeakDbtp,
        key: mix.key?.label ?? null,
        durationSec: mix.file.durationSec,
      },
    });
  });

  it('pages the list by revision', async () => {
    const all = await analyses.listForProject(owner.projectId, { limit: 100 });
    const [newest, next] = all.items;
    const page = await analyses.listForProject(owner.projectId, { limit: 1 });
    expect(page).toEqual({ items: [newest], more: true });
    const after = await analyses.listForProject(owner.projectId, {
      beforeRevision: newest.revision,
      limit: 1,
    });
    expect(after.items).toEqual([next]);
  });

  it('stores one report per analysis and reads it back validated', async () => {
    const { id } = await completed(false);
    const feedback = await buildFeedback(mix, { groq: { apiKey: '' } });
    await analyses.saveReport(id, feedback);
    await analyses.saveReport(id, feedback);
    expect(await database.prisma.report.count({ where: { analysisId: id } })).toBe(1);
    expect((await analyses.findForTeams(id, [owner.teamId]))!.report).toEqual(feedback);
    expect(await analyses.endOf(id)).toEqual({
      teamId: owner.teamId,
      status: 'completed',
      error: null,
      reportSource: 'rules',
    });
  });

  it('refuses to hand out a stored document that breaks its contract, naming it', async () => {
    const { id } = await completed(true);
    await database.prisma.analysis.update({
      where: { id },
      data: { comparison: { referenceName: 'ref.flac' } },
    });
    const read = analyses.findForTeams(id, [owner.teamId]);
    await expect(read).rejects.toBeInstanceOf(StoredDocumentError);
    await expect(read).rejects.toMatchObject({ kind: 'result', code: 'STORED_DOCUMENT_INVALID' });
    await expect(analyses.findForFeedback(id)).rejects.toThrow(/stored result of analysis/);

    const running = await newAnalysis(false);
    await database.prisma.analysis.update({
      where: { id: running.id },
      data: { progress: { mix: { stage: 'mixing', percent: 5 } } },
    });
    await expect(analyses.progressOf(running.id)).rejects.toMatchObject({ kind: 'progress' });
  });

  it('fails only an unfinished analysis, and completes only one that has not failed', async () => {
    const done = await completed(false);
    await analyses.fail(done.id, 'too late', 'X');
    expect(await analyses.endOf(done.id)).toMatchObject({ status: 'completed', error: null });

    const broken = await newAnalysis(false);
    await analyses.fail(broken.id, 'Not an audio file', 'NOT_DECODABLE');
    expect(await analyses.beginTrack(broken.id, 'mix')).toBe('analysis-failed');
    expect(await analyses.complete(broken.id, mix, null, ['mix'])).toBe(false);
    expect(await analyses.endOf(broken.id)).toMatchObject({
      status: 'failed',
      error: 'Not an audio file',
      reportSource: null,
    });
  });

  it('finds stale and report-less analyses for the reconciler', async () => {
    const stale = await newAnalysis(true);
    const future = new Date(Date.now() + 60_000);
    const found = await analyses.findStale(future, 1_000);
    expect(found.find((a) => a.id === stale.id)).toEqual({
      id: stale.id,
      teamId: owner.teamId,
      createdById: owner.userId,
      upload: {
        id: stale.mixUpload.id,
        objectKey: stale.mixUpload.objectKey,
        fileName: 'mix.wav',
        sizeBytes: null,
        declaredSizeBytes: 1000,
      },
      referenceUpload: expect.objectContaining({ id: stale.referenceUpload!.id }),
    });
    const touchedAt = new Date();
    await analyses.touch(stale.id);
    expect((await analyses.findStale(touchedAt, 1_000)).some((a) => a.id === stale.id)).toBe(false);

    const waiting = await completed(false);
    const window = { after: new Date(Date.now() - 60_000), before: future };
    expect(
      (await analyses.findWithoutReport(window, 1_000)).find((a) => a.id === waiting.id),
    ).toEqual({ id: waiting.id, genre: null, targets: [] });
  });

  it('deletes an analysis with its results and retires the uploads no other analysis uses', async () => {
    const { id, mixUpload, referenceUpload } = await completed(true);
    expect(await analyses.exists(id)).toBe(true);
    expect(await analyses.isUploadUsedElsewhere(mixUpload.id, id)).toBe(false);
    await analyses.delete(id, [mixUpload.id]);
    expect(await analyses.exists(id)).toBe(false);
    expect(await analyses.findForFeedback(id)).toEqual({ state: 'gone' });
    expect(await database.prisma.trackResult.count({ where: { analysisId: id } })).toBe(0);
    const uploads = await database.prisma.upload.findMany({
      where: { id: { in: [mixUpload.id, referenceUpload!.id] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(uploads.map((u) => [u.id, u.status]))).toEqual({
      [mixUpload.id]: 'deleted',
      [referenceUpload!.id]: 'ready',
    });
  });
  it('stores each track’s waveform beside its result and reads back one level at a time', async () => {
    const level = (points: number, peak: number) => ({
      durationSec: 10,
      pointsPerSecond: points / 10,
      channels: [{ min: Array(points).fill(-peak), max: Array(points).fill(peak) }],
    });
    const waveforms = {
      mix: { overview: level(10, 0.5), detail: level(1000, 0.5) },
      reference: { overview: level(10, 0.25), detail: level(1000, 0.25) },
    };
    const { id } = await newAnalysis(true);
    await storeMeasuredTracks(analyses, id, { mix, reference, comparison, waveforms });
    expect(await analyses.findWaveform(id, 'mix', 'overview')).toEqual(waveforms.mix.overview);
    expect(await analyses.findWaveform(id, 'mix', 'detail')).toEqual(waveforms.mix.detail);
    expect(await analyses.findWaveform(id, 'reference', 'overview')).toEqual(
      waveforms.reference.overview,
    );
    // The analysis document is unchanged by it.
    expect((await analyses.findForTeams(id, [owner.teamId]))!.result).toEqual({
      ...mix,
      reference,
      comparison,
    });

    const { id: without } = await completed(false);
    expect(await analyses.findWaveform(without, 'mix', 'overview')).toBeNull();
    expect(await analyses.findWaveform(without, 'reference', 'overview')).toBeNull();

    await database.prisma.$executeRaw`
      UPDATE track_results SET waveform = '{"overview": {"durationSec": -1}}'::jsonb
       WHERE analysis_id = ${without}::uuid`;
    await expect(analyses.findWaveform(without, 'mix', 'overview')).rejects.toBeInstanceOf(
      StoredDocumentError,
    );
  });
});
