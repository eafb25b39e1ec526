import { describe, expect, it } from 'vitest';
import { checkFile, checkFileBasics } from './upload-rules.ts';

const LIMIT = 50 * 1024 * 1024;
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part,
    ),
  );

describe('client-side upload checks', () => {
  it('refuses files over the gateway’s limit and says how large both are', () => {
    const problem = checkFileBasics({ name: 'mix.wav', size: LIMIT + 1, type: 'audio/wav' }, LIMIT);
    expect(problem?.kind).toBe('too-large');
    expect(problem?.message).toContain('is 50.0 MB; the limit is 50 MB.');
    expect(checkFileBasics({ name: 'mix.wav', size: LIMIT, type: 'audio/wav' }, LIMIT)).toBeNull();
  });

  it('leaves the size to the gateway while its limit is not known', () => {
    expect(
      checkFileBasics({ name: 'mix.wav', size: 10 * LIMIT, type: 'audio/wav' }, null),
    ).toBeNull();
  });

  it('refuses what is neither typed nor named as an accepted format', () => {
    const pdf = checkFileBasics({ name: 'notes.pdf', size: 10, type: 'application/pdf' }, LIMIT);
    expect(pdf?.kind).toBe('not-audio');
    expect(pdf?.message).toContain('Upload WAV, FLAC, MP3, OGG, M4A or AIFF.');
    expect(checkFileBasics({ name: 'mix.flac', size: 10, type: '' }, LIMIT)).toBeNull();
    expect(checkFileBasics({ name: 'mix.mp4', size: 10, type: 'video/mp4' }, LIMIT)).toBeNull();
    expect(checkFileBasics({ name: 'empty.wav', size: 0, type: 'audio/wav' }, LIMIT)?.kind).toBe(
      'empty',
    );
  });

  it('reads the first bytes with the shared signature check', async () => {
    const file = (head: BlobPart, name: string) => new File([head], name, { type: 'audio/wav' });
    expect(
      await checkFile(file(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'mix.wav'), LIMIT),
    ).toBeNull();
    // A WavPack file: accepted by the gateway, so accepted here too.
    expect(await checkFile(file(bytes('wvpk', [0, 0, 0, 0]), 'mix.wv'), LIMIT)).toBeNull();
    const renamed = await checkFile(file(bytes('%PDF-1.7'), 'mix.wav'), LIMIT);
    expect(renamed?.kind).toBe('not-audio');
    expect(renamed?.message).toContain('its first bytes match no audio format');
  });
});
