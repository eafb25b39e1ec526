/** Client-side checks before a byte leaves the browser; the gateway checks the same again. */
export const MAX_UPLOAD_BYTES = 120 * 1024 * 1024;

const AUDIO_EXTENSIONS = [
  'wav',
  'wave',
  'mp3',
  'ogg',
  'oga',
  'opus',
  'flac',
  'm4a',
  'aac',
  'mp4',
  'aif',
  'aiff',
  'wma',
  'webm',
  'mka',
  'caf',
];

export type FileProblem = { kind: 'too-large' | 'not-audio' | 'empty'; message: string };

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function checkFileBasics(file: {
  name: string;
  size: number;
  type: string;
}): FileProblem | null {
  if (file.size === 0) return { kind: 'empty', message: `“${file.name}” is empty.` };
  if (file.size > MAX_UPLOAD_BYTES) {
    const mb = (file.size / (1024 * 1024)).toFixed(1);
    return {
      kind: 'too-large',
      message: `“${file.name}” is ${mb} MB; the limit is 120 MB. Export a shorter file or use FLAC instead of WAV.`,
    };
  }
  const typeSaysAudio =
    file.type.startsWith('audio/') || file.type === 'video/mp4' || file.type === 'video/webm';
  if (!typeSaysAudio && !AUDIO_EXTENSIONS.includes(extensionOf(file.name))) {
    return {
      kind: 'not-audio',
      message: `“${file.name}” is not an audio file. Upload WAV, FLAC, MP3, OGG, M4A or AIFF.`,
    };
  }
  return null;
}

/** Recognises the audio containers ffmpeg reads from their first bytes. */
export function looksLikeAudio(head: Uint8Array): boolean {
  const ascii = (offset: number, text: string) =>
    text.split('').every((char, i) => head[offset + i] === char.charCodeAt(0));
  if (ascii(0, 'RIFF') && (ascii(8, 'WAVE') || ascii(8, 'RF64'))) return true;
  if (ascii(0, 'RF64') || ascii(0, 'BW64')) return true;
  if (ascii(0, 'fLaC') || ascii(0, 'OggS') || ascii(0, 'ID3') || ascii(0, 'caff')) return true;
  if (ascii(0, 'FORM') && (ascii(8, 'AIFF') || ascii(8, 'AIFC'))) return true;
  if (ascii(4, 'ftyp')) return true;
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return true; // Matroska/WebM
  if (head[0] === 0x30 && head[1] === 0x26 && head[2] === 0xb2 && head[3] === 0x75) return true; // ASF/WMA
  // MPEG audio frame sync (MP3 without ID3) or ADTS AAC.
  if (head[0] === 0xff && (head[1] & 0xe0) === 0xe0) return true;
  return false;
}

export async function checkFile(file: File): Promise<FileProblem | null> {
  const basic = checkFileBasics(file);
  if (basic) return basic;
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (!looksLikeAudio(head)) {
    return {
      kind: 'not-audio',
      message: `“${file.name}” does not contain audio MixScope can read: its first bytes match no audio format.`,
    };
  }
  return null;
}
