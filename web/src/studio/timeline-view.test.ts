import type { AudioIssue } from '@mixscope/contracts';
import { describe, expect, it } from 'vitest';
import { issueMarkers } from './issue-markers.ts';
import {
  columnEnvelope,
  followPlayhead,
  fullView,
  markerLeftPercent,
  needsDetail,
  zoomView,
} from './timeline-view.ts';

const issue = (
  code: AudioIssue['code'],
  times: number[],
  severity: AudioIssue['severity'] = 'warning',
): AudioIssue => ({
  code,
  severity,
  message: `${code} found`,
  value: null,
  unit: null,
  count: times.length,
  times,
  channel: null,
});

describe('issueMarkers', () => {
  it('makes one marker per issue time, in time order, and none for issues without a time', () => {
    const markers = issueMarkers(
      [
        issue('true-peak-over', [12.5, 3.25], 'error'),
        issue('dc-offset', []),
        issue('out-of-phase', [7]),
        issue('silence-end', [28]),
      ],
      30,
    );
    expect(markers.map((m) => [m.code, m.atSec])).toEqual([
      ['true-peak-over', 3.25],
      ['out-of-phase', 7],
      ['true-peak-over', 12.5],
      ['silence-end', 28],
    ]);
    expect(new Set(markers.map((m) => m.key)).size).toBe(markers.length);
    expect(markers[0]).toMatchObject({ severity: 'error', label: 'True peak over' });
  });

  it('makes one marker of a burst reported every few milliseconds on every channel', () => {
    const burst = [12.0005, 12.0028, 12.005, 12.3];
    const markers = issueMarkers(
      [
        { ...issue('clipping', burst, 'error'), channel: 0 },
        { ...issue('clipping', [...burst, 20], 'error'), channel: 1 },
      ],
      30,
    );
    expect(markers.map((m) => m.atSec)).toEqual([12.0005, 20]);
  });

  it('drops times past the end of the track', () => {
    expect(issueMarkers([issue('clipping', [5, 31])], 30).map((m) => m.atSec)).toEqual([5]);
  });
});

describe('marker placement', () => {
  it('places a marker by its time within the view', () => {
    expect(markerLeftPercent(7.5, fullView(30))).toBe(25);
    expect(markerLeftPercent(0, fullView(30))).toBe(0);
    expect(markerLeftPercent(30, fullView(30))).toBe(100);
  });

  it('moves markers with the zoom and hides the ones out of view', () => {
    const view = { startSec: 10, endSec: 20 };
    expect(markerLeftPercent(12.5, view)).toBe(25);
    expect(markerLeftPercent(9.9, view)).toBeNull();
    expect(markerLeftPercent(20.1, view)).toBeNull();
  });
});

describe('zoomView', () => {
  it('keeps the anchor where it was on screen', () => {
    const view = zoomView(fullView(40), 2, 10, 40);
    expect(view).toEqual({ startSec: 5, endSec: 25 });
    expect(markerLeftPercent(10, view)).toBe(markerLeftPercent(10, fullView(40)));
  });

  it('stays inside the track and no closer than one second', () => {
    expect(zoomView(fullView(40), 2, 39, 40)).toEqual({ startSec: 19.5, endSec: 39.5 });
    const close = zoomView({ startSec: 0, endSec: 2 }, 8, 1, 40);
    expect(close.endSec - close.startSec).toBe(1);
    expect(zoomView({ startSec: 30, endSec: 40 }, 0.1, 35, 40)).toEqual(fullView(40));
  });
});

describe('followPlayhead', () => {
  it('turns the page once the playhead leaves the view', () => {
    const view = { startSec: 0, endSec: 10 };
    expect(followPlayhead(view, 9, 60)).toBe(view);
    expect(followPlayhead(view, 10.5, 60)).toEqual({ startSec: 10, endSec: 20 });
  });
});

describe('columnEnvelope and the level it needs', () => {
  const channel = { min: [-0.1, -0.5, -0.2, -0.9], max: [0.1, 0.4, 0.3, 0.8] };

  it('keeps the extremes of the points under each column', () => {
    const { min, max } = columnEnvelope(channel, 1, fullView(4), 2);
    expect(Array.from(min)).toEqual([-0.5, -0.9].map(Math.fround));
    expect(Array.from(max)).toEqual([0.4, 0.8].map(Math.fround));
  });

  it('repeats a point across columns when zoomed closer than the level resolves', () => {
    const { max } = columnEnvelope(channel, 1, { startSec: 1, endSec: 2 }, 4);
    expect(Array.from(max)).toEqual([0.4, 0.4, 0.4, 0.4].map(Math.fround));
  });

  it('asks for the detail level once the overview has fewer points than columns', () => {
    // A 300 s overview of 1000 points: 3.33 points per second.
    expect(needsDetail(fullView(300), 1000 / 300, 800)).toBe(false);
    expect(needsDetail({ startSec: 0, endSec: 120 }, 1000 / 300, 800)).toBe(true);
  });
});
