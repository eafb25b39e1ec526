import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, checkFileBasics, looksLikeAudio } from './upload-rules.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part,
    ),
  );

describe('client-side upload checks', () => {
  it('refuses files over 120 MB and says how large they are', () => {
    const problem = checkFileBasics({
      name: 'mix.wav',
      size: MAX_UPLOAD_BYTES + 1,
      type: 'audio/wav',
    });
    expect(problem?.kind).toBe('too-large');
    expect(problem?.message).toContain('120.0 MB');
    expect(
      checkFileBasics({ name: 'mix.wav', size: MAX_UPLOAD_BYTES, type: 'audio/wav' }),
    ).toBeNull();
  });

  it('refuses what is neither typed nor named as audio', () => {
    expect(checkFileBasics({ name: 'notes.pdf', size: 10, type: 'application/pdf' })?.kind).toBe(
      'not-audio',
    );
    expect(checkFileBasics({ name: 'mix.flac', size: 10, type: '' })).toBeNull();
  });

  it('recognises audio containers by their first bytes', () => {
    expect(looksLikeAudio(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBe(true);
    expect(looksLikeAudio(bytes('fLaC', [0, 0, 0, 34]))).toBe(true);
    expect(looksLikeAudio(bytes('OggS', [0, 2]))).toBe(true);
    expect(looksLikeAudio(bytes('ID3', [4, 0, 0]))).toBe(true);
    expect(looksLikeAudio(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe(true); // MPEG-1 layer III frame
    expect(looksLikeAudio(bytes([0, 0, 0, 0x20], 'ftypM4A '))).toBe(true);
    expect(looksLikeAudio(bytes('FORM', [0, 0, 0, 0], 'AIFF'))).toBe(true);
    expect(looksLikeAudio(bytes('%PDF-1.7'))).toBe(false);
    expect(looksLikeAudio(bytes([0x89], 'PNG', [13, 10, 26, 10]))).toBe(false);
    expect(looksLikeAudio(bytes('RIFF', [0, 0, 0, 0], 'AVI '))).toBe(false);
  });
});
