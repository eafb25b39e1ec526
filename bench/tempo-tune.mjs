// How the metrical-level weights in libs/dsp/src/rhythm/metrical-level.ts were chosen: a softmax
// ranking of each track's candidate levels (the right level against the others), fitted by gradient
// descent with an L2 penalty on the corpus's tuning half, the rendered set and the known-answer unit
// signals, never on the held-out half. Prints the fitted weights, the accuracy of the chosen level
// on what it was fitted on, and a 5-fold cross-validation by song within the tuning data (each fold
// scored by weights fitted without it), which is what says whether a cue generalises.
// Usage: node bench/tempo-tune.mjs [--features a,b,...] [--l2 0.3] [--misses] [--cached]
//   --features  fit only these features of LEVEL_FEATURES (default: all)
//   --cached    reuse the cues measured by the previous run (bench/.work/tempo-tune-cues.json)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = new URL('..', import.meta.url).pathname;
const src = new URL('../libs/dsp/src/', import.meta.url);
const { extractRhythmFeatures } = await import(new URL('rhythm/rhythm-features.ts', src).href);
const { pulseEvidence, MIN_PERIODICITY } = await import(new URL('rhythm/tempo.ts', src).href);
const { metricalLevels, LEVEL_FEATURES, LEVEL_WEIGHTS } = await import(
  new URL('rhythm/metrical-level.ts', src).href
);
const rendered = await import(new URL('../../measure/src/accuracy/tempo-set.fixture.ts', src).href);
const signals = await import(new URL('rhythm/test-signals.fixture.ts', src).href);

const within = (bpm, truth) => Math.abs(bpm / truth - 1) <= 0.04;
const cacheFile = join(root, 'bench/.work/tempo-tune-cues.json');
const cases = args.includes('--cached')
  ? JSON.parse(readFileSync(cacheFile, 'utf8'))
  : measureCases();
if (!args.includes('--cached')) {
  mkdirSync(join(root, 'bench/.work'), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(cases));
}

function measureCases() {
  const corpusDir = process.env.CORPUS_DIR ?? join(root, 'fixtures/corpus');
  const manifest = JSON.parse(
    readFileSync(process.env.CORPUS_MANIFEST ?? join(corpusDir, 'manifest.json'), 'utf8'),
  );
  const sources = manifest.tracks
    .filter((t) => t.half === 'tuning' && !t.drifting)
    .map((t) => ({ ...t, path: join(corpusDir, t.file) }))
    .filter((t) => existsSync(t.path))
    .map((t) => ({ track: t, audio: () => rendered.readPcm16Wav(readFileSync(t.path)) }));
  if (rendered.tempoSetAvailable()) {
    for (const t of rendered.tempoSetTracks().filter((x) => !x.drifting))
      sources.push({
        track: { ...t, song: t.file, category: `rendered ${t.style}`, rendered: true },
        audio: () => rendered.readPcm16Wav(readFileSync(join(rendered.TEMPO_SET_DIR, t.file))),
      });
  }
  // The known-answer unit tests' signals (libs/dsp/src/rhythm/tempo.test.ts) count as well.
  const RATE = 44_100;
  const dnb = { kick: 'x.........x.....', snare: '....x.......x...', hat: 'x.x.x.x.x.x.x.x.' };
  const groove = { kick: 'x...x...', snare: '..x...x.', hat: 'xxxxxxxx' };
  const unit = (song, bpm, mono, alsoRight = []) =>
    sources.push({
      track: { song, bpm, alsoRight, category: 'unit signal', unit: true },
      audio: () => signals.stereo(mono(), RATE),
    });
  for (const bpm of [172, 176])
    unit(`two-step ${bpm}`, bpm, () => signals.drumPattern(bpm, 30, RATE, dnb));
  unit('ballad groove 68', 68, () => signals.drumPattern(68, 40, RATE, groove));
  unit('groove 120', 120, () => signals.drumPattern(120, 20, RATE, groove));
  unit('accented clicks 110', 110, () => {
    const times = signals.pulseTimes(110, 20);
    return signals.clicksAt(
      times,
      20,
      RATE,
      times.map((_, i) => (i % 4 === 0 ? 0.9 : 0.4)),
    );
  });
  for (const bpm of [100, 150, 72]) {
    const sec = bpm === 72 ? 30 : 20;
    unit(`clicks ${bpm}`, bpm, () => signals.clicksAt(signals.pulseTimes(bpm, sec), sec, RATE));
  }
  // A plain click train at 172 or 176 may be read at the beat or at half of it, never below 60.
  for (const bpm of [172, 176])
    unit(`clicks ${bpm}`, bpm, () => signals.clicksAt(signals.pulseTimes(bpm, 30), 30, RATE), [
      bpm / 2,
    ]);

  const out = [];
  for (const { track, audio } of sources) {
    const pulse = pulseEvidence(extractRhythmFeatures(audio()));
    if (!pulse) continue;
    const levels = metricalLevels(pulse.familyBpm, pulse.evidence, LEVEL_WEIGHTS, MIN_PERIODICITY);
    const right = [track.bpm, ...(track.alsoRight ?? [])];
    out.push({
      track: {
        song: track.song,
        soundfont: track.soundfont,
        category: track.category,
        meter: track.meter,
        bpm: track.bpm,
        unit: !!track.unit,
        rendered: !!track.rendered,
      },
      levels: levels.map((cues) => ({
        ...cues,
        right: right.some((b) => within(cues.bpm, b)),
      })),
    });
  }
  return out;
}

const names = option('--features')?.split(',') ?? Object.keys(LEVEL_FEATURES);
const l2 = Number(option('--l2') ?? 0.3);
const rows = cases
  .filter((c) => c.levels.length > 0)
  .map((c) => ({
    ...c,
    x: c.levels.map((l) => names.map((n) => LEVEL_FEATURES[n](l))),
    y: c.levels.map((l) => l.right),
    // The unit signals are known answers and the rendered set has its own accuracy test: weigh them
    // like several tracks.
    weight: c.track.unit || c.track.rendered ? 5 : 1,
  }));

/** Minimises the weighted softmax negative log-likelihood of the right levels plus l2·|w|² (Adam). */
function fit(train) {
  const w = new Float64Array(names.length);
  const m = new Float64Array(names.length);
  const v = new Float64Array(names.length);
  const usable = train.filter((r) => r.y.some(Boolean));
  const total = usable.reduce((s, r) => s + r.weight, 0);
  for (let step = 1; step <= 3000; step++) {
    const grad = new Float64Array(names.length);
    for (const r of usable) {
      const scores = r.x.map((f) => f.reduce((s, x, k) => s + x * w[k], 0));
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const z = e.reduce((a, b) => a + b, 0);
      const right = e.reduce((s, x, i) => s + (r.y[i] ? x : 0), 0);
      for (let i = 0; i < r.x.length; i++) {
        const g = e[i] / z - (r.y[i] ? e[i] / right : 0);
        for (let k = 0; k < names.length; k++) grad[k] += (r.weight * g * r.x[i][k]) / total;
      }
    }
    for (let k = 0; k < names.length; k++) {
      const g = grad[k] + (2 * l2 * w[k]) / total;
      m[k] = 0.9 * m[k] + 0.1 * g;
      v[k] = 0.999 * v[k] + 0.001 * g * g;
      const rate = 0.05 / Math.sqrt(1 + step / 300);
      w[k] -= (rate * m[k]) / (1 - 0.9 ** step) / (Math.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8);
      // A preference must peak somewhere: the weight of a squared term is never positive.
      if (names[k].endsWith('Squared')) w[k] = Math.min(0, w[k]);
    }
  }
  return w;
}

const chosen = (r, w) => {
  let best = 0;
  let bestScore = -Infinity;
  r.x.forEach((f, i) => {
    const s = f.reduce((acc, x, k) => acc + x * w[k], 0);
    if (s > bestScore) [best, bestScore] = [i, s];
  });
  return best;
};
const hits = (set, w) => set.filter((r) => r.y[chosen(r, w)]).length;

const weights = fit(rows);
const corpus = rows.filter((r) => !r.track.unit && !r.track.rendered);
const renderedRows = rows.filter((r) => r.track.rendered);
const unitRows = rows.filter((r) => r.track.unit);
console.log(
  `${corpus.length} tuning tracks (right level among the candidates in ${corpus.filter((r) => r.y.some(Boolean)).length}), ` +
    `${renderedRows.length} rendered, ${unitRows.length} unit signals; features ${names.join(', ')}; l2 ${l2}`,
);
console.log(
  `fitted: tuning ${hits(corpus, weights)}/${corpus.length}, rendered ${hits(renderedRows, weights)}/${renderedRows.length}, unit ${hits(unitRows, weights)}/${unitRows.length}`,
);
console.log(
  'weights',
  JSON.stringify(Object.fromEntries(names.map((n, k) => [n, Math.round(weights[k] * 100) / 100]))),
);

// Cross-validation: songs (all renders of one song together) in 5 folds by a seeded shuffle.
const songs = [...new Set(corpus.map((r) => r.track.song))];
let seed = 12;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
for (let i = songs.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [songs[i], songs[j]] = [songs[j], songs[i]];
}
const fold = new Map(songs.map((s, i) => [s, i % 5]));
let cvHits = 0;
for (let k = 0; k < 5; k++) {
  const w = fit(rows.filter((r) => fold.get(r.track.song) !== k));
  cvHits += hits(
    corpus.filter((r) => fold.get(r.track.song) === k),
    w,
  );
}
console.log(`cross-validated: tuning ${cvHits}/${corpus.length}`);

if (args.includes('--misses')) {
  for (const r of rows.filter((x) => !x.y[chosen(x, weights)])) {
    const c = r.levels[chosen(r, weights)];
    console.log(
      `  ${r.track.song.padEnd(36)} ${String(r.track.soundfont ?? '').padEnd(9)} ${String(r.track.category).padEnd(10)} ${r.track.meter ?? ''} ${r.track.bpm} -> ${c.bpm.toFixed(1)}`,
    );
  }
}
