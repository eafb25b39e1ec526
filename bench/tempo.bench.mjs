// Tempo on the rendered tempo/key set: MixScope against `aubio tempo` (Debian aubio-tools), scored
// as the field does (Accuracy1: within ±4 %; Accuracy2: also ×2, ×3, ×½, ×⅓), plus MixScope's key
// score and the cost of the whole rhythm stage on a 4-minute 44.1 kHz stereo track.
// Usage: npm run fixtures:tempo && node bench/tempo.bench.mjs
// Exits 1 when MixScope does not beat aubio.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

register();
const src = new URL('../libs/dsp/src/', import.meta.url);
const { extractRhythmFeatures } = await import(new URL('rhythm/rhythm-features.ts', src).href);
const { estimateTempo } = await import(new URL('rhythm/tempo.ts', src).href);
const { analyzeTransients } = await import(new URL('rhythm/transients.ts', src).href);
const { estimateKey, PITCH_CLASSES } = await import(new URL('key/key.ts', src).href);
const { mirexKeyScore, parseKeyLabel } = await import(new URL('key/key-score.ts', src).href);
const set = await import(new URL('../../measure/src/accuracy/tempo-set.fixture.ts', src).href);

if (!set.tempoSetAvailable()) {
  console.error(set.TEMPO_SET_MISSING);
  process.exit(1);
}

const within = (bpm, truth) => bpm !== null && Math.abs(bpm / truth - 1) <= 0.04;
const accuracy1 = (bpm, truth) => within(bpm, truth);
const accuracy2 = (bpm, truth) =>
  [1, 2, 3, 1 / 2, 1 / 3].some((ratio) => within(bpm, truth * ratio));

function aubioTempo(file) {
  const started = performance.now();
  const output = execFileSync('aubio', ['tempo', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const match = /([\d.]+)\s*bpm/i.exec(output);
  return { bpm: match ? Number(match[1]) : null, ms: performance.now() - started };
}

const tracks = set.tempoSetTracks();
const steady = tracks.filter((t) => !t.drifting);
const rows = [];
let keyScore = 0;
for (const track of tracks) {
  const audio = set.loadTempoSetAudio(track);
  const started = performance.now();
  const features = extractRhythmFeatures(audio);
  const tempo = estimateTempo(features);
  const key = estimateKey(features);
  const ms = performance.now() - started;
  keyScore += key.label
    ? mirexKeyScore(
        parseKeyLabel(key.label, PITCH_CLASSES),
        parseKeyLabel(track.key, PITCH_CLASSES),
      )
    : 0;
  rows.push({
    track,
    mixscope: { bpm: tempo.bpm, ms, stability: tempo.stability, key: key.label },
    aubio: aubioTempo(join(set.TEMPO_SET_DIR, track.file)),
  });
}

const mark = (bpm, truth) => (accuracy1(bpm, truth) ? '  ' : accuracy2(bpm, truth) ? ' ~' : ' x');
console.log('track                          truth   MixScope     aubio   key (truth -> MixScope)');
for (const { track, mixscope, aubio } of rows) {
  const truth = track.drifting ? `${track.bpm}-${track.endBpm}` : String(track.bpm);
  const m = `${mixscope.bpm ?? '-'}${track.drifting ? '  ' : mark(mixscope.bpm, track.bpm)}`;
  const a = `${aubio.bpm ?? '-'}${track.drifting ? '  ' : mark(aubio.bpm, track.bpm)}`;
  console.log(
    `${track.file.padEnd(30)} ${truth.padStart(7)} ${m.padStart(10)} ${a.padStart(9)}   ${track.key} -> ${mixscope.key}`,
  );
}
console.log('(~ octave or third error, x wrong; the drifting track is left out of the scores)\n');

const score = (pick, accuracy) =>
  steady.filter((t) => accuracy(pick(rows.find((r) => r.track === t)), t.bpm)).length /
  steady.length;
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const mixA1 = score((r) => r.mixscope.bpm, accuracy1);
const mixA2 = score((r) => r.mixscope.bpm, accuracy2);
const aubA1 = score((r) => r.aubio.bpm, accuracy1);
const aubA2 = score((r) => r.aubio.bpm, accuracy2);
const meanMs = (pick) => rows.reduce((sum, r) => sum + pick(r), 0) / rows.length;
console.log(`${steady.length} steady tracks       Accuracy1   Accuracy2   mean time/track`);
console.log(
  `MixScope              ${pct(mixA1).padStart(9)}   ${pct(mixA2).padStart(9)}   ${meanMs(
    (r) => r.mixscope.ms,
  )
    .toFixed(0)
    .padStart(6)} ms (tempo + key)`,
);
console.log(
  `aubio tempo           ${pct(aubA1).padStart(9)}   ${pct(aubA2).padStart(9)}   ${meanMs(
    (r) => r.aubio.ms,
  )
    .toFixed(0)
    .padStart(6)} ms (process)`,
);
console.log(
  `MixScope key, MIREX score over ${tracks.length} tracks: ${(keyScore / tracks.length).toFixed(3)}`,
);
for (const r of rows.filter((x) => x.track.drifting)) {
  const steadyStability = Math.min(
    ...rows.filter((x) => !x.track.drifting).map((x) => x.mixscope.stability ?? 0),
  );
  console.log(`stability: drifting ${r.mixscope.stability}, steady tracks >= ${steadyStability}`);
}

// Cost on a 4-minute 44.1 kHz stereo track built from the set; best of three runs.
const rate = 44_100;
const total = 240 * rate;
const left = new Float32Array(total);
const right = new Float32Array(total);
for (let at = 0, i = 0; at < total; i++) {
  const audio = set.loadTempoSetAudio(tracks[i % tracks.length]);
  const n = Math.min(audio.channels[0].length, total - at);
  left.set(audio.channels[0].subarray(0, n), at);
  right.set(audio.channels[1].subarray(0, n), at);
  at += n;
}
const long = { sampleRate: rate, channels: [left, right], channelLabels: ['FL', 'FR'] };
const best = { features: Infinity, tempo: Infinity, key: Infinity, transients: Infinity };
for (let run = 0; run < 3; run++) {
  let t = performance.now();
  const features = extractRhythmFeatures(long);
  best.features = Math.min(best.features, performance.now() - t);
  t = performance.now();
  estimateTempo(features);
  best.tempo = Math.min(best.tempo, performance.now() - t);
  t = performance.now();
  estimateKey(features);
  best.key = Math.min(best.key, performance.now() - t);
  t = performance.now();
  analyzeTransients(long, features, { fromSec: 60, toSec: 180 });
  best.transients = Math.min(best.transients, performance.now() - t);
}
const sum = best.features + best.tempo + best.key + best.transients;
console.log(
  `4-minute stereo track: features ${best.features.toFixed(0)} ms, tempo ${best.tempo.toFixed(0)} ms, key ${best.key.toFixed(1)} ms, ` +
    `transients (120 s) ${best.transients.toFixed(0)} ms, total ${sum.toFixed(0)} ms`,
);

if (!(mixA1 > aubA1 && mixA2 >= aubA2)) {
  console.error('MixScope does not beat aubio on this set');
  process.exit(1);
}
