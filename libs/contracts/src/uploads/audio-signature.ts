/**
 * Recognises audio containers from a file's first bytes (at least 12; 64 is plenty). This is a
 * gate, not a decoder: it keeps obvious non-audio out of the bucket; the analyzer still reports
 * files that look right but do not decode. The web app runs the same check before it uploads.
 */
import type { AudioContainer } from './audio-formats.ts';

/** How many leading bytes to read for the check. */
export const SIGNATURE_BYTES = 64;

const ascii = (bytes: Uint8Array, offset: number, text: string) =>
  bytes.length >= offset + text.length &&
  [...text].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** An MPEG-1/2/2.5 audio frame header (MP3, MP2) at the start of the file. */
function isMpegAudioFrame(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1] & 0xe0) !== 0xe0) return false;
  const version = (b[1] >> 3) & 0b11;
  const layer = (b[1] >> 1) & 0b11;
  const bitrateIndex = b[2] >> 4;
  const sampleRateIndex = (b[2] >> 2) & 0b11;
  return version !== 0b01 && layer !== 0 && bitrateIndex !== 0b1111 && sampleRateIndex !== 0b11;
}

/** An ADTS header (raw AAC). */
function isAdtsFrame(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0xff && (b[1] & 0xf6) === 0xf0 && ((b[2] >> 2) & 0x0f) < 13;
}

/** The container of the file these bytes begin, from the accepted-format table; null if none. */
export function detectAudioContainer(bytes: Uint8Array): AudioContainer | null {
  const b = bytes;
  if ((ascii(b, 0, 'RIFF') || ascii(b, 0, 'RF64') || ascii(b, 0, 'BW64')) && ascii(b, 8, 'WAVE')) {
    return 'wav';
  }
  if (ascii(b, 0, 'FORM') && (ascii(b, 8, 'AIFF') || ascii(b, 8, 'AIFC'))) return 'aiff';
  if (ascii(b, 0, 'fLaC')) return 'flac';
  if (ascii(b, 0, 'OggS')) return 'ogg';
  if (ascii(b, 0, 'ID3')) return 'mp3';
  if (ascii(b, 4, 'ftyp')) return 'mp4';
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return 'matroska';
  if (startsWith(b, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return 'asf';
  if (ascii(b, 0, 'caff')) return 'caf';
  if (ascii(b, 0, 'wvpk')) return 'wavpack';
  if (ascii(b, 0, 'MAC ')) return 'ape';
  if (ascii(b, 0, 'TTA1')) return 'tta';
  if (ascii(b, 0, 'MPCK') || ascii(b, 0, 'MP+')) return 'musepack';
  if (ascii(b, 0, '#!AMR')) return 'amr';
  if (ascii(b, 0, '.snd')) return 'au';
  if (ascii(b, 0, 'DSD ')) return 'dsf';
  if (ascii(b, 0, 'FRM8')) return 'dff';
  if (isAdtsFrame(b)) return 'aac';
  if (isMpegAudioFrame(b)) return 'mp3';
  return null;
}
