/**
 * Plays two (or one) tracks in lockstep so that switching between them is instant: every track
 * has its own audio element, all of them play together, and the switch only moves the gains.
 *
 *   <audio> → MediaElementAudioSourceNode → match gain (loudness match) → switch gain (1 or 0) → out
 *
 * Framework-free; `useAbPlayer` wraps it for React.
 */
import { dbToGain, gainToDb } from './ab-gain.ts';

/** The inactive elements are pulled back to the active one when they drift further than this. */
const MAX_DRIFT_SEC = 0.04;
/** The switch ramps over a few milliseconds, short enough to hear no gap, long enough not to click. */
const SWITCH_RAMP_SEC = 0.004;

interface Route {
  match: GainNode;
  switcher: GainNode;
}

interface Track {
  id: string;
  element: HTMLAudioElement;
  matchDb: number;
  route: Route | null;
}

export class AbEngine {
  private readonly tracks: Track[];
  private context: AudioContext | null = null;
  private activeId: string;
  private listeners = new Set<() => void>();
  playing = false;

  constructor(
    ids: readonly string[],
    private readonly onSourceError: (id: string) => void,
  ) {
    if (ids.length === 0) throw new Error('the player needs at least one track');
    this.tracks = ids.map((id) => {
      const element = new Audio();
      // The samples reach Web Audio only from a CORS-approved response.
      element.crossOrigin = 'anonymous';
      element.preload = 'auto';
      element.addEventListener('error', () => this.onSourceError(id));
      element.addEventListener('ended', () => {
        if (id === this.activeId) this.pause();
      });
      return { id, element, matchDb: 0, route: null };
    });
    this.activeId = ids[0];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }

  private track(id: string): Track {
    const found = this.tracks.find((track) => track.id === id);
    if (!found) throw new Error(`no track "${id}" in the player`);
    return found;
  }

  get active(): string {
    return this.activeId;
  }

  get currentTime(): number {
    return this.track(this.activeId).element.currentTime;
  }

  hasSource(id: string): boolean {
    return !!this.track(id).element.getAttribute('src');
  }

  /** Sets or replaces a track's URL (a refreshed presigned URL) without losing the position. */
  setSource(id: string, url: string) {
    const { element } = this.track(id);
    const position = this.currentTime;
    const first = !element.getAttribute('src');
    element.src = url;
    if (first) return;
    element.addEventListener(
      'loadedmetadata',
      () => {
        element.currentTime = position;
        if (this.playing) void element.play().catch(() => undefined);
      },
      { once: true },
    );
  }

  /** The loudness-match gain of each track, in dB. */
  setMatchGains(gainsDb: Record<string, number>) {
    for (const track of this.tracks) {
      track.matchDb = gainsDb[track.id] ?? 0;
      if (track.route) track.route.match.gain.value = dbToGain(track.matchDb);
    }
    this.changed();
  }

  /** The gain the track's match node applies right now, in dB (as set before the graph exists). */
  appliedGainDb(id: string): number {
    const track = this.track(id);
    return track.route ? gainToDb(track.route.match.gain.value) : track.matchDb;
  }

  /** Whether the track is routed to the output (its switch gain is open). */
  audible(id: string): boolean {
    const track = this.track(id);
    return track.route ? track.route.switcher.gain.value > 0.5 : id === this.activeId;
  }

  /** Built on the first play, inside the user's gesture, as browsers require. */
  private ensureGraph(): AudioContext {
    if (this.context) return this.context;
    const context = new AudioContext();
    for (const track of this.tracks) {
      const source = context.createMediaElementSource(track.element);
      const match = context.createGain();
      const switcher = context.createGain();
      match.gain.value = dbToGain(track.matchDb);
      switcher.gain.value = track.id === this.activeId ? 1 : 0;
      source.connect(match).connect(switcher).connect(context.destination);
      track.route = { match, switcher };
    }
    this.context = context;
    return context;
  }

  async play() {
    const context = this.ensureGraph();
    await context.resume();
    this.alignToActive(0);
    this.playing = true;
    this.changed();
    try {
      await this.startPlayable();
    } catch (error) {
      this.pause();
      throw error;
    }
  }

  /** Every loaded track that has not run out (play() on an ended element would restart it at 0). */
  private startPlayable() {
    const position = this.currentTime;
    return Promise.all(
      this.tracks
        .filter(({ id, element }) => {
          if (!element.getAttribute('src') || !element.paused) return false;
          const ended = Number.isFinite(element.duration) && position >= element.duration - 0.01;
          return id === this.activeId || !ended;
        })
        .map(({ element }) => element.play()),
    );
  }

  pause() {
    for (const track of this.tracks) track.element.pause();
    this.playing = false;
    this.alignToActive(0);
    this.changed();
  }

  seek(toSec: number) {
    const position = Math.max(0, toSec);
    for (const { element } of this.tracks)
      element.currentTime = Number.isFinite(element.duration)
        ? Math.min(position, element.duration)
        : position;
    if (this.playing) void this.startPlayable().catch(() => undefined);
    this.changed();
  }

  /** Switches what is heard; the position carries over because every track kept playing. */
  select(id: string) {
    if (id === this.activeId) return;
    this.track(id);
    this.alignToActive(MAX_DRIFT_SEC / 2);
    this.activeId = id;
    const now = this.context?.currentTime ?? 0;
    for (const track of this.tracks) {
      if (!track.route) continue;
      const gain = track.route.switcher.gain;
      gain.cancelScheduledValues(now);
      gain.setValueAtTime(gain.value, now);
      gain.linearRampToValueAtTime(track.id === id ? 1 : 0, now + SWITCH_RAMP_SEC);
    }
    this.changed();
  }

  /** Keeps the inactive tracks on the active one's clock; call it regularly while playing. */
  alignToActive(toleranceSec = MAX_DRIFT_SEC) {
    const position = this.currentTime;
    for (const { id, element } of this.tracks) {
      if (id === this.activeId) continue;
      const end = Number.isFinite(element.duration) ? element.duration : Infinity;
      const target = Math.min(position, end);
      if (Math.abs(element.currentTime - target) > toleranceSec) element.currentTime = target;
    }
  }

  destroy() {
    for (const { element } of this.tracks) {
      element.pause();
      element.removeAttribute('src');
      element.load();
    }
    void this.context?.close().catch(() => undefined);
    this.listeners.clear();
  }
}
