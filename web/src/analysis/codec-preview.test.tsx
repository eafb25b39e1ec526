// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { codecRows, measuredMix, withCodecPeaks, withCodecPreview } from '@mixscope/dsp/testing';
import { platformTable } from '@mixscope/dsp';
import { PlatformTable } from '../components/platform-table.tsx';
import { CodecPreview } from './codec-preview.tsx';

afterEach(cleanup);

describe('CodecPreview', () => {
  it('lists each codec, the peak over full scale in red, the missing one with its reason', () => {
    const { container } = render(<CodecPreview result={withCodecPreview(measuredMix(), 0.4)} />);
    const aac = container.querySelector('tr[data-codec="aac"]')!;
    expect(aac.textContent).toContain('256 kb/s');
    expect(aac.textContent).toContain('+0.4 dBTP');
    expect(aac.querySelector('.text-bad')?.textContent).toBe('+0.4 dBTP');
    expect(container.querySelector('tr[data-codec="opus"]')?.textContent).toContain(
      'Missing: this ffmpeg has no libopus encoder for Opus',
    );
  });

  it('says the figures come from the loudest passages', () => {
    render(<CodecPreview result={withCodecPreview(measuredMix(), 0.4)} />);
    expect(
      screen.getByText(
        /Decoded after encoding the 10\.0 s of the track's loudest and peakiest passages/,
      ),
    ).toBeTruthy();
  });

  it('says why when the preview was skipped', () => {
    const result = {
      ...measuredMix(),
      codecs: null,
      reasons: { codecs: 'codec preview skipped (--no-codecs)' },
    };
    render(<CodecPreview result={result} />);
    expect(screen.getByText('codec preview skipped (--no-codecs)')).toBeTruthy();
  });
});

describe('PlatformTable codec note', () => {
  it("shows the platform's codec peak after its gain, red only where it plays over", () => {
    const rows = withCodecPeaks(platformTable(-16, -0.5), codecRows(0.4));
    render(<PlatformTable platforms={rows} targets={['apple-music']} />);
    const note = screen.getByTestId('codec-peak');
    expect(note.textContent).toBe(' After AAC: +0.4 dBTP, over.');
    expect(note.className).toContain('text-bad');
  });
});
