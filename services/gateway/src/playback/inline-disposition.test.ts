import { describe, expect, it } from 'vitest';
import { inlineDisposition } from './inline-disposition.ts';

describe('inlineDisposition', () => {
  it('names a plain file as it is', () => {
    expect(inlineDisposition('mix v3.wav')).toBe(
      `inline; filename="mix v3.wav"; filename*=UTF-8''mix%20v3.wav`,
    );
  });

  it('keeps quotes and non-ASCII out of the fallback and exact in the encoded name', () => {
    expect(inlineDisposition('Café "final".flac')).toBe(
      `inline; filename="Caf_ _final_.flac"; filename*=UTF-8''Caf%C3%A9%20%22final%22.flac`,
    );
    expect(inlineDisposition("it's (1).wav")).toContain(`filename*=UTF-8''it%27s%20%281%29.wav`);
  });
});
