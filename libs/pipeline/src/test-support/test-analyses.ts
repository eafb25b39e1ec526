/** Analyses stored the way the gateway and the analyzer store them, for medium-tier suites. */
import type { AnalysisResult, ComparisonResult, StoredWaveform } from '@mixscope/contracts';
import type { NewAnalysis } from '../analyses/analysis-records.ts';
import { AnalysisRepository } from '../analyses/analysis-repository.ts';
import { createTestDatabase, seedOwner, type TestDatabase } from './medium-tier.ts';

export type TestOwner = Awaited<ReturnType<typeof seedOwner>>;

export interface AnalysesTestBed {
  database: TestDatabase;
  analyses: AnalysisRepository;
  owner: TestOwner;
}

/** A freshly migrated database of its own, its repository, and an owner seeded under `label`. */
export async function createAnalysesTestBed(
  databaseName: string,
  label: string,
): Promise<AnalysesTestBed> {
  const database = await createTestDatabase(databaseName);
  const analyses = new AnalysisRepository(database.prisma);
  const owner = await seedOwner(database.prisma, label);
  return { database, analyses, owner };
}

export interface TestAnalysisChoices extends Partial<NewAnalysis> {
  /** The file name of a reference upload to compare against; none when absent. */
  referenceFileName?: string;
}

/** A queued analysis of a fresh `mix.wav` upload (and a reference one when asked), nothing chosen. */
export async function createTestAnalysis(
  { analyses, owner }: Pick<AnalysesTestBed, 'analyses' | 'owner'>,
  { referenceFileName, ...choices }: TestAnalysisChoices = {},
) {
  const mixUpload = await owner.upload('mix.wav');
  const referenceUpload = referenceFileName ? await owner.upload(referenceFileName) : null;
  const created = await analyses.create({
    teamId: owner.teamId,
    projectId: owner.projectId,
    createdById: owner.userId,
    title: null,
    genre: null,
    targets: [],
    uploadId: mixUpload.id,
    referenceUploadId: referenceUpload?.id ?? null,
    ...choices,
  });
  return { ...created, mixUpload, referenceUpload };
}

export interface MeasuredTracks {
  mix: AnalysisResult;
  reference?: AnalysisResult;
  /** Given: the analysis is completed with it (null without a reference); absent: it keeps running. */
  comparison?: ComparisonResult | null;
  /** Each track's waveform levels; none stored when absent. */
  waveforms?: { mix?: StoredWaveform; reference?: StoredWaveform };
}

/** Saves each measured track as the analyzer does and, given the comparison, completes the analysis. */
export async function storeMeasuredTracks(
  analyses: AnalysisRepository,
  analysisId: string,
  { mix, reference, comparison, waveforms = {} }: MeasuredTracks,
): Promise<void> {
  await analyses.beginTrack(analysisId, 'mix');
  await analyses.saveTrackResult(analysisId, 'mix', mix, waveforms.mix ?? null);
  if (reference)
    await analyses.saveTrackResult(analysisId, 'reference', reference, waveforms.reference ?? null);
  if (comparison === undefined) return;
  const roles = reference ? (['mix', 'reference'] as const) : (['mix'] as const);
  await analyses.complete(analysisId, mix, comparison, roles);
}
