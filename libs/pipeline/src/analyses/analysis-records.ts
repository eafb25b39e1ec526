import type {
  AnalysisDto,
  AnalysisProgressEvent,
  AnalysisResult,
  AnalysisStatus,
  AnalysisSummaryDto,
  Feedback,
  TargetProfile,
  TrackRole,
  UploadStatus,
} from '@mixscope/contracts';
import type { TracksProgress } from '../progress/overall-progress.ts';

/** An analysis as the API shows it: its row, its progress, and its documents validated. */
export interface StoredAnalysis extends Pick<
  AnalysisDto,
  'id' | 'projectId' | 'createdById' | 'revision' | 'title' | 'genre' | 'targets' | 'status'
> {
  teamId: string;
  /** Changes whenever anything of this document can (see AnalysisRepository.versionOf). */
  version: string;
  error: string | null;
  /** The tracks it measures: the mix, and the reference when there is one. */
  roles: readonly TrackRole[];
  progress: TracksProgress;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Once completed: the mix's result with the reference and the comparison attached. */
  result: AnalysisResult | null;
  /** The written feedback, once the llm-worker stored it. */
  report: Feedback | null;
}

/** What tells a served copy of an analysis from a stale one, and whose it is. */
export interface AnalysisVersion {
  teamId: string;
  status: AnalysisStatus;
  version: string;
}

/** One line of a project's analysis list: the API's line, its times still dates. */
export interface AnalysisSummaryRecord extends Omit<
  AnalysisSummaryDto,
  'createdAt' | 'completedAt'
> {
  createdAt: Date;
  completedAt: Date | null;
}

/** An upload as a track of an analysis flow. */
export interface TrackUpload {
  id: string;
  objectKey: string;
  fileName: string;
  sizeBytes: number | null;
  declaredSizeBytes: number;
}

/** An analysis with the uploads of its tracks: what re-enqueueing and deleting need. */
export interface AnalysisWithUploads {
  id: string;
  teamId: string;
  createdById: string;
  upload: TrackUpload;
  referenceUpload: TrackUpload | null;
}

export interface NewAnalysis {
  teamId: string;
  projectId: string;
  createdById: string;
  title: string | null;
  genre: string | null;
  targets: string[];
  uploadId: string;
  referenceUploadId: string | null;
  /** A team target profile judged against instead of a genre, and its document as of now. */
  target?: { profileId: string; profile: TargetProfile };
}

/** A completed analysis' mix result, as a target profile is built from it. */
export interface MixResultOfAnalysis {
  analysisId: string;
  status: AnalysisStatus;
  /** Null until the analysis completed. */
  result: AnalysisResult | null;
}

/** Where a track job finds its analysis before measuring. */
export type TrackState = 'analysis-gone' | 'analysis-failed' | 'already-measured' | 'to-measure';

/** What the finalize step reads: the status, the user's choices and each measured track. */
export interface AnalysisToFinalize {
  status: AnalysisStatus;
  genre: string | null;
  targets: string[];
  tracks: Partial<Record<TrackRole, AnalysisResult>>;
}

/** What the feedback step finds. */
export type AnalysisForFeedback =
  | { state: 'gone' }
  | { state: 'not-completed'; status: string }
  | { state: 'ready'; result: AnalysisResult; target: TargetProfile | null };

/** How an analysis ended, as the progress relay reports it. */
export interface AnalysisEnd {
  teamId: string;
  status: AnalysisStatus;
  error: string | null;
  reportSource: Feedback['source'] | null;
}

/**
 * Where an analysis is right now, for a client that (re)subscribes: how it ended, or its overall
 * progress by the one progress rule (null while no track has reported).
 */
export type AnalysisNow = { teamId: string } & (
  | { status: 'queued' | 'running'; progress: Omit<AnalysisProgressEvent, 'analysisId'> | null }
  | { status: 'completed'; reportSource: Feedback['source'] | null }
  | { status: 'failed'; error: string | null }
);

/** A track's original file, as playback needs it. */
export interface TrackFile {
  objectKey: string;
  fileName: string;
  /** Recognised from the file's first bytes when the upload completed. */
  container: string | null;
  /** `deleted` once audio retention removed the object. */
  status: UploadStatus;
}

/** What the waveform, playback and comment routes need of an analysis: no documents. */
export interface AnalysisTracks {
  id: string;
  teamId: string;
  status: AnalysisStatus;
  /** The mix's duration, set when the analysis completes. */
  durationSec: number | null;
  files: { mix: TrackFile; reference: TrackFile | null };
}
