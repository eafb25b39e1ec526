import { createHash } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { AnalysisRepository, type AnalysisVersion } from '@mixscope/pipeline';
import { LRUCache } from 'lru-cache';
import type { AuthContext } from '../auth/auth-context.ts';
import { toAnalysisDto } from './analysis-view.ts';

/** GET /api/analyses/:id as sent: the JSON text, and its entity tag once the analysis has ended. */
export interface AnalysisDocument {
  json: string;
  /** Set for a completed or failed analysis, whose document changes only by a report or a delete. */
  etag?: string;
}

interface Kept extends Required<AnalysisDocument> {
  teamId: string;
  version: string;
  /** Whether only a delete can change it: completed with its report, or failed. */
  final: boolean;
  /** When the database last confirmed the version (epoch ms). */
  checkedAt: number;
  /** The version check under way, if any. */
  checking?: Promise<AnalysisVersion | null>;
}

/** How many bytes of serialised documents are kept (a completed analysis is about 11 KB). */
const BYTES_KEPT = 64 * 2 ** 20;
/**
 * How long a final document is sent again without asking the database. Only a delete changes it
 * then; this instance forgets a document it deletes at once, another instance within this time.
 */
export const FINAL_DOCUMENT_TRUSTED_MS = 1_000;

/**
 * The serialised documents of ended analyses, so a hot read costs one indexed version check (or,
 * for a final document, none) instead of loading, validating and serialising the result again.
 * Keyed by analysis id, each entry carries the version it was built from and its team: a caller
 * gets it only if that team is one of theirs, checked on every request.
 */
@Injectable()
export class AnalysisDocuments {
  private readonly kept = new LRUCache<string, Kept>({
    maxSize: BYTES_KEPT,
    sizeCalculation: (entry) => entry.json.length + 256,
  });

  constructor(private readonly analyses: AnalysisRepository) {}

  async read(auth: AuthContext, analysisId: string, now = Date.now()): Promise<AnalysisDocument> {
    const kept = this.kept.get(analysisId);
    if (kept && auth.teamIds.includes(kept.teamId)) {
      if (kept.final && now - kept.checkedAt < FINAL_DOCUMENT_TRUSTED_MS) return kept;
      const current = await this.currentVersion(kept, analysisId);
      if (!current) {
        this.kept.delete(analysisId);
        throw new NotFoundException('Not found');
      }
      if (current.version === kept.version) {
        kept.checkedAt = Math.max(kept.checkedAt, now);
        return kept;
      }
    }
    const analysis = await this.analyses.findForTeams(analysisId, auth.teamIds);
    if (!analysis) throw new NotFoundException('Not found');
    const json = JSON.stringify(toAnalysisDto(analysis));
    if (analysis.status !== 'completed' && analysis.status !== 'failed') return { json };
    const entry: Kept = {
      json,
      etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`,
      teamId: analysis.teamId,
      version: analysis.version,
      final: analysis.status === 'failed' || analysis.report !== null,
      checkedAt: now,
    };
    this.kept.set(analysisId, entry);
    return entry;
  }

  /**
   * The stored version, asked of the analysis' own team (the caller is a member, checked above),
   * so one query answers every request that arrives while it runs.
   */
  private currentVersion(kept: Kept, analysisId: string): Promise<AnalysisVersion | null> {
    kept.checking ??= this.analyses
      .versionOf(analysisId, [kept.teamId])
      .finally(() => (kept.checking = undefined));
    return kept.checking;
  }

  /** The analysis was deleted here: no caller gets its document from this instance again. */
  forget(analysisId: string): void {
    this.kept.delete(analysisId);
  }
}
