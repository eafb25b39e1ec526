// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSampleFeedback } from '@mixscope/contracts/testing';
import { measuredMix } from '@mixscope/dsp/testing';
import { StereoSpectrumTab } from '../analysis/stereo-spectrum-tab.tsx';
import { SuggestionsTab } from '../analysis/suggestions-tab.tsx';
import { TARGET_PROFILE } from '../test-support/fixtures.ts';

const feedback = buildSampleFeedback({
  profile: {
    id: TARGET_PROFILE.id,
    name: 'Club refs',
    chosenBy: 'references',
    reason: 'target: from 2 references: a.wav, b.wav',
  },
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The bars of the six-band balance chart: the profile's ranges, one per band. */
const rangeBars = () =>
  screen
    .getByText(/Six-band balance/)
    .closest('section')!
    .querySelectorAll('.recharts-bar-rectangle');

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('an analysis judged against a target profile', () => {
  it("draws the profile's band ranges and names it", async () => {
    const fetch = vi.fn(async (url: string) =>
      url === `/api/profiles/${TARGET_PROFILE.id}` ? json(200, TARGET_PROFILE) : json(404, {}),
    );
    vi.stubGlobal('fetch', fetch);
    const { container } = render(
      <StereoSpectrumTab result={measuredMix()} feedback={feedback} chartWidth={800} />,
    );
    expect(await screen.findByText(/against Club refs$/)).toBeTruthy();
    // The range bars appear once the profile is read: one per band.
    await vi.waitFor(() => expect(rangeBars()).toHaveLength(6));
    expect(container.textContent).toContain('Club refs range');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('says so when the profile can no longer be read', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(404, { statusCode: 404, message: 'Not found' })),
    );
    const { container } = render(
      <StereoSpectrumTab result={measuredMix()} feedback={feedback} chartWidth={800} />,
    );
    expect(container.textContent).toContain(
      'against Club refs (its ranges are not available here)',
    );
    expect(rangeBars()).toHaveLength(0);
  });

  it('names the target and what built it in the report', () => {
    const { container } = render(<SuggestionsTab feedback={feedback} />);
    expect(container.textContent).toContain(
      'Target profile: Club refs (target: from 2 references: a.wav, b.wav)',
    );
  });
});
