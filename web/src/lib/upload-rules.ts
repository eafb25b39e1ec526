/**
 * Client-side checks before a byte leaves the browser: the gateway's size limit (asked for at
 * GET /api/uploads/limits) and the shared accepted-format table and signature check from the
 * contracts, which the gateway applies again to what arrives.
 */
import {
  audioFormatForFileName,
  COMMON_AUDIO_FORMAT_NAMES,
  detectAudioContainer,
  isAudioContentType,
  SIGNATURE_BYTES,
} from '@mixscope/contracts';
import { formatBytes } from '@mixscope/present';

export type FileProblem = { kind: 'too-large' | 'not-audio' | 'empty'; message: string };

/** "WAV, FLAC, MP3, OGG, M4A or AIFF" */
export const COMMON_FORMATS_TEXT = `${COMMON_AUDIO_FORMAT_NAMES.slice(0, -1).join(', ')} or ${COMMON_AUDIO_FORMAT_NAMES.at(-1)}`;

/**
 * Checks what the browser knows without reading the file. `maxUploadBytes` is the gateway's
 * limit, or null while it is not known: the gateway then refuses an oversized file itself.
 */
export function checkFileBasics(
  file: { name: string; size: number; type: string },
  maxUploadBytes: number | null,
): FileProblem | null {
  if (file.size === 0) return { kind: 'empty', message: `“${file.name}” is empty.` };
  if (maxUploadBytes !== null && file.size > maxUploadBytes) {
    return {
      kind: 'too-large',
      message: `“${file.name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(maxUploadBytes)}. Export a shorter file or use FLAC instead of WAV.`,
    };
  }
  if (!isAudioContentType(file.type) && !audioFormatForFileName(file.name)) {
    return {
      kind: 'not-audio',
      message: `“${file.name}” is not an audio file. Upload ${COMMON_FORMATS_TEXT}.`,
    };
  }
  return null;
}

export async function checkFile(
  file: File,
  maxUploadBytes: number | null,
): Promise<FileProblem | null> {
  const basic = checkFileBasics(file, maxUploadBytes);
  if (basic) return basic;
  const head = new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer());
  if (detectAudioContainer(head) === null) {
    return {
      kind: 'not-audio',
      message: `“${file.name}” does not contain audio MixScope can read: its first bytes match no audio format.`,
    };
  }
  return null;
}
