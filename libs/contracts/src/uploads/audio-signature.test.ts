import { describe, expect, it } from 'vitest';
import {
  AUDIO_FORMATS,
  audioFormatForFileName,
  contentTypeForUpload,
  isAudioContentType,
} from './audio-formats.ts';
import { detectAudioContainer, SIGNATURE_BYTES } from './audio-signature.ts';

/** Bytes from text (one byte per character, so '\xff' is 0xff) and byte lists, padded to 64. */
function head(...parts: (string | number[])[]): Uint8Array {
  const bytes = parts.flatMap((part) =>
    typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part,
  );
  return Uint8Array.from(
    { length: Math.max(SIGNATURE_BYTES, bytes.length) },
    (_, i) => bytes[i] ?? 0,
  );
}
const size = [0x24, 0x08, 0, 0];

// What ffmpeg writes in each format is checked through the gateway's upload check
// (services/gateway/src/uploads/uploads.service.test.ts); these are the headers as the
// format specifications lay them out.
describe('detectAudioContainer', () => {
  it.each([
    ['WAV', head('RIFF', size, 'WAVEfmt '), 'wav'],
    ['RF64 WAV', head('RF64', [0xff, 0xff, 0xff, 0xff], 'WAVEds64'), 'wav'],
    ['BW64 WAV', head('BW64', [0xff, 0xff, 0xff, 0xff], 'WAVEds64'), 'wav'],
    ['AIFF', head('FORM', size, 'AIFFCOMM'), 'aiff'],
    ['AIFF-C', head('FORM', size, 'AIFCFVER'), 'aiff'],
    ['FLAC', head('fLaC', [0, 0, 0, 34]), 'flac'],
    ['Ogg', head('OggS', [0, 2]), 'ogg'],
    ['MP3 with ID3', head('ID3', [4, 0, 0]), 'mp3'],
    ['MP3 frame (MPEG-1 layer III)', head([0xff, 0xfb, 0x90, 0x64]), 'mp3'],
    ['MP2 frame (MPEG-2 layer II)', head([0xff, 0xf5, 0x50, 0xc4]), 'mp3'],
    ['ADTS AAC', head([0xff, 0xf1, 0x50, 0x80]), 'aac'],
    ['M4A', head([0, 0, 0, 0x20], 'ftypM4A '), 'mp4'],
    ['Matroska', head([0x1a, 0x45, 0xdf, 0xa3]), 'matroska'],
    ['WMA', head([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]), 'asf'],
    ['CAF', head('caff', [0, 1, 0, 0]), 'caf'],
    ['WavPack', head('wvpk', size), 'wavpack'],
    ["Monkey's Audio", head('MAC ', [0x96, 0x0f]), 'ape'],
    ['TTA', head('TTA1', [1, 0]), 'tta'],
    ['Musepack SV8', head('MPCKSH'), 'musepack'],
    ['Musepack SV7', head('MP+', [0x17]), 'musepack'],
    ['AMR', head('#!AMR\n'), 'amr'],
    ['AU', head('.snd', [0, 0, 0, 24]), 'au'],
    ['DSF', head('DSD ', [28, 0, 0, 0]), 'dsf'],
    ['DSDIFF', head('FRM8', [0, 0, 0, 0], 'DSD '), 'dff'],
  ] as const)('recognises %s', (_name, bytes, container) => {
    expect(detectAudioContainer(bytes)).toBe(container);
  });

  it.each([
    ['PDF', head('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj')],
    ['PNG', head([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['ZIP', head('PK', [0x03, 0x04, 20, 0, 0, 0, 8, 0])],
    ['gzip', head([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03])],
    ['text', head('title,artist\nSong,Band\n')],
    ['RIFF that is not WAVE', head('RIFF', [0x10, 0, 0, 0], 'AVI LIST')],
    ['MPEG sync with a reserved version', head([0xff, 0xeb, 0x90, 0x64])],
    ['MPEG sync with the invalid bit rate index', head([0xff, 0xfb, 0xf0, 0x64])],
    ['empty', new Uint8Array(0)],
    ['zeros', new Uint8Array(64)],
    ['0xFF padding', new Uint8Array(64).fill(0xff)],
  ])('rejects %s', (_name, bytes) => {
    expect(detectAudioContainer(bytes)).toBeNull();
  });

  it('names only containers of the accepted-format table', () => {
    const known = new Set<string>(AUDIO_FORMATS.map((format) => format.container));
    for (const bytes of [head('RIFF', size, 'WAVE'), head('fLaC'), head('wvpk'), head('FRM8')])
      expect(known.has(detectAudioContainer(bytes) ?? 'none')).toBe(true);
  });
});

describe('isAudioContentType', () => {
  it.each([
    'audio/wav',
    'audio/x-wav',
    'audio/mpeg',
    'audio/flac',
    'audio/mp4; codecs="mp4a.40.2"',
    'AUDIO/OGG',
    'application/ogg',
    'application/flac',
  ])('accepts %s', (type) => expect(isAudioContentType(type)).toBe(true));
  it.each(['application/pdf', 'video/mp4', 'text/plain', 'audio', 'audio/', 'image/png', ''])(
    'rejects %s',
    (type) => expect(isAudioContentType(type)).toBe(false),
  );
});

describe('the accepted-format table', () => {
  it('gives every format a name, its own extensions and content types the gateway accepts', () => {
    const extensions = AUDIO_FORMATS.flatMap((format) => format.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const format of AUDIO_FORMATS) {
      expect(format.name.length, format.container).toBeGreaterThan(0);
      expect(format.extensions.length, format.container).toBeGreaterThan(0);
      expect(format.contentTypes.length, format.container).toBeGreaterThan(0);
      for (const type of format.contentTypes) expect(isAudioContentType(type), type).toBe(true);
    }
  });

  it('finds a format by extension, in any case, and none for other files', () => {
    expect(audioFormatForFileName('Mix V3.FLAC')?.container).toBe('flac');
    expect(audioFormatForFileName('take.final.aif')?.container).toBe('aiff');
    expect(audioFormatForFileName('voice.opus')?.container).toBe('ogg');
    expect(audioFormatForFileName('notes.pdf')).toBeUndefined();
    expect(audioFormatForFileName('README')).toBeUndefined();
  });

  it('declares an audio type for a file the browser types as video or not at all', () => {
    expect(contentTypeForUpload('mix.mp4', 'video/mp4')).toBe('audio/mp4');
    expect(contentTypeForUpload('mix.webm', 'video/webm')).toBe('audio/webm');
    expect(contentTypeForUpload('mix.flac', '')).toBe('audio/flac');
    expect(contentTypeForUpload('mix.wav', 'audio/x-wav')).toBe('audio/x-wav');
    expect(contentTypeForUpload('notes.pdf', 'application/pdf')).toBe('application/pdf');
    expect(contentTypeForUpload('blob', '')).toBe('application/octet-stream');
  });
});
