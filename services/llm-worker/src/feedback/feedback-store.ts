import type { AnalysisResult, ComparisonResult } from '@mixscope/contracts';
import type { Feedback } from '@mixscope/feedback';
import type { Prisma, PrismaClient } from '@mixscope/db';

export type LoadedAnalysis =
  | { state: 'gone' }
  | { state: 'not-completed'; status: string }
  | { state: 'ready'; result: AnalysisResult };

/** The database side of the feedback step: read the measurements, write one report per analysis. */
export class FeedbackStore {
  constructor(private readonly db: PrismaClient) {}

  /** The mix's result with its reference and comparison attached, as buildFeedback reads them. */
  async load(analysisId: string): Promise<LoadedAnalysis> {
    const analysis = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: { status: true, comparison: true, tracks: { select: { role: true, result: true } } },
    });
    if (!analysis) return { state: 'gone' };
    if (analysis.status !== 'completed') return { state: 'not-completed', status: analysis.status };
    const mix = analysis.tracks.find((t) => t.role === 'mix');
    if (!mix) return { state: 'not-completed', status: 'completed without a mix result' };
    const result = mix.result as unknown as AnalysisResult;
    const reference = analysis.tracks.find((t) => t.role === 'reference');
    if (reference && analysis.comparison) {
      return {
        state: 'ready',
        result: {
          ...result,
          reference: reference.result as unknown as AnalysisResult,
          comparison: analysis.comparison as unknown as ComparisonResult,
        },
      };
    }
    return { state: 'ready', result };
  }

  /** Upserts by analysis id, so a retried or repeated job leaves one report. */
  async save(analysisId: string, feedback: Feedback): Promise<void> {
    const columns = {
      source: feedback.source,
      model: feedback.model ?? null,
      body: feedback as unknown as Prisma.InputJsonValue,
      promptTokens: feedback.usage?.promptTokens ?? null,
      completionTokens: feedback.usage?.completionTokens ?? null,
      totalTokens: feedback.usage?.totalTokens ?? null,
      latencyMs: feedback.latencyMs === undefined ? null : Math.round(feedback.latencyMs),
      attempts: feedback.attempts ?? 0,
      fallbackReason: feedback.fallbackReason ?? null,
    };
    await this.db.report.upsert({
      where: { analysisId },
      create: { analysisId, ...columns },
      update: columns,
    });
  }
}
