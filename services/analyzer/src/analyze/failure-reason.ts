import { AnalysisError } from '@mixscope/measure';
import type { TrackRole } from '@mixscope/contracts';
import { ObjectMissingError } from '../infra/audio-storage.service.ts';

export interface FailureReason {
  /** One line a person can read; never a stack trace or an internal address. */
  reason: string;
  code: string;
  /** Retrying cannot help (the file itself is the problem). Outages never get here: they wait. */
  permanent: boolean;
}

/** A sentence for people: capitalised, and naming the reference when it is the one at fault. */
function forTrack(role: TrackRole, text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return role === 'reference' ? `Reference track: ${text}` : sentence;
}

export function failureReason(role: TrackRole, error: unknown, attempts: number): FailureReason {
  if (error instanceof AnalysisError) {
    return { reason: forTrack(role, error.message), code: error.code, permanent: true };
  }
  if (error instanceof ObjectMissingError) {
    return {
      reason: forTrack(role, 'the uploaded audio is no longer in storage; upload it again'),
      code: 'OBJECT_MISSING',
      permanent: true,
    };
  }
  return {
    reason: forTrack(
      role,
      `the analysis could not be completed after ${attempts} attempts (an internal error)`,
    ),
    code: 'RETRIES_EXHAUSTED',
    permanent: false,
  };
}
