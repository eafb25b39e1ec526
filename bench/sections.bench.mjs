// `npm run bench:sections`: section boundaries on songs whose boundaries are known exactly, and
// what finding sections costs on a 4-minute 44.1 kHz stereo track.
//
// Each song is assembled from parts rendered by ffmpeg's lavfi synthesis (aevalsrc): intro,
// verse, chorus, bridge and outro differ in chords, instrumentation (pad, kick, hats, noise),
// density and level, and the song's seed picks the chords, tempo, part lengths and structure.
// A boundary counts as found within ±3 s (one-to-one). Seeds 1-6 were used to tune the
// constants in libs/dsp/src/sections/find-sections.ts; seeds 101-112 are held out.
// Renders are cached under bench/.work/sections; nothing is committed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = fileURLToPath(new URL('..', import.meta.url));
const dsp = new URL('../libs/dsp/src/', import.meta.url);
const { findSections } = await import(new URL('sections/find-sections.ts', dsp).href);
const { analyzeLoudness } = await import(new URL('loudness/analyze-loudness.ts', dsp).href);
const { runMeasureTask } = await import(
  new URL('../libs/measure/src/measure-tasks.ts', import.meta.url).href
);

const RATE = 44100;
const TOLERANCE_SEC = 3;
const GOAL = 0.8;
const TUNING_SEEDS = [1, 2, 3, 4, 5, 6];
const HELD_OUT_SEEDS = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112];
const work = join(root, 'bench/.work/sections');
mkdirSync(work, { recursive: true });

/** Deterministic numbers in [0, 1) from a seed (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOTS_HZ = [110, 123.47, 130.81, 146.83, 164.81, 174.61, 196];
const STRUCTURES = [
  ['intro', 'verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'outro'],
  ['verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus'],
  ['intro', 'verse', 'verse', 'chorus', 'bridge', 'chorus', 'outro'],
  ['intro', 'chorus', 'verse', 'chorus', 'verse', 'bridge', 'chorus'],
];

/** The song plan of a seed: its parts with their lengths, and the sound of each kind of part. */
function plan(seed) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const beatSec = 60 / (80 + Math.floor(rand() * 70));
  const chord = (rootHz, minor) => [rootHz, rootHz * (minor ? 1.1892 : 1.2599), rootHz * 1.4983];
  const sounds = {
    intro: { chord: chord(pick(ROOTS_HZ), true), pad: 0.05, kick: 0, hats: 0, noise: 0, wide: 0 },
    verse: {
      chord: chord(pick(ROOTS_HZ), rand() < 0.5),
      pad: 0.06,
      kick: 0.25,
      hats: 0.03,
      noise: 0,
      wide: 0.2,
    },
    chorus: {
      chord: chord(pick(ROOTS_HZ), rand() < 0.5),
      pad: 0.1,
      kick: 0.45,
      hats: 0.08,
      noise: 0.04,
      wide: 0.8,
    },
    bridge: {
      chord: chord(pick(ROOTS_HZ), true),
      pad: 0.08,
      kick: 0,
      hats: 0.05,
      noise: 0.02,
      wide: 0.5,
    },
    outro: {
      chord: chord(pick(ROOTS_HZ), false),
      pad: 0.04,
      kick: 0.1,
      hats: 0,
      noise: 0,
      wide: 0,
    },
  };
  const structure = pick(STRUCTURES);
  // Lengths in whole bars of four beats, 12-28 s.
  const parts = structure.map((kind) => {
    const bars = Math.max(1, Math.round((12 + rand() * 16) / (4 * beatSec)));
    return { kind, sec: bars * 4 * beatSec };
  });
  return { beatSec, sounds, parts };
}

/** An aevalsrc expression of one channel of a part; `side` decorrelates the channels. */
function expression({ chord, pad, kick, hats, noise, wide }, beatSec, side) {
  const terms = chord.map((hz, i) => `${pad}*sin(2*PI*${hz * (i === 0 ? 1 : 2)}*t)`);
  // A saw-like edge on the pad: its second harmonic, for brighter parts.
  terms.push(`${pad / 3}*sin(2*PI*${chord[1] * 4}*t)`);
  const beat = `mod(t,${beatSec.toFixed(6)})`;
  if (kick > 0) terms.push(`${kick}*sin(2*PI*(50+60*exp(-30*${beat}))*${beat})*exp(-12*${beat})`);
  const half = `mod(t,${(beatSec / 2).toFixed(6)})`;
  const hiss = `(2*random(${side})-1)`;
  if (hats > 0) terms.push(`${hats}*${hiss}*exp(-60*${half})`);
  if (noise > 0) terms.push(`${noise}*${hiss}`);
  // Width: this channel's own noise blended with the pad's detuned copy.
  if (wide > 0) terms.push(`${(pad * wide) / 2}*sin(2*PI*${chord[0] * (side ? 3.01 : 2.99)}*t)`);
  // Commas separate filters in a filter graph: inside the expression they are escaped.
  return terms.join('+').replaceAll(',', '\\,');
}

/** Renders a seed's song (cached) and returns its path and true boundaries. */
function song(seed) {
  const { beatSec, sounds, parts } = plan(seed);
  const file = join(work, `song-${seed}.wav`);
  if (!existsSync(file)) {
    const inputs = parts.flatMap(({ kind, sec }) => [
      '-f',
      'lavfi',
      '-i',
      `aevalsrc=${expression(sounds[kind], beatSec, 0)}|${expression(sounds[kind], beatSec, 1)}:s=${RATE}:d=${sec.toFixed(4)}`,
    ]);
    const concat = `${parts.map((_, i) => `[${i}:a]`).join('')}concat=n=${parts.length}:v=0:a=1[out]`;
    execFileSync('ffmpeg', [
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      ...inputs,
      '-filter_complex',
      concat,
      '-map',
      '[out]',
      '-c:a',
      'pcm_s16le',
      file,
    ]);
  }
  const boundaries = [];
  let at = 0;
  for (const { sec } of parts.slice(0, -1)) boundaries.push((at += sec));
  return { file, boundaries, parts };
}

/** Decodes a file to planar float channels, as the analyzer does (through ffmpeg). */
function decode(file) {
  const raw = execFileSync(
    'ffmpeg',
    [
      '-nostdin',
      '-loglevel',
      'error',
      '-i',
      file,
      '-f',
      'f32le',
      '-ac',
      '2',
      '-ar',
      String(RATE),
      '-',
    ],
    { maxBuffer: 1 << 30 },
  );
  const interleaved = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const n = interleaved.length / 2;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    left[i] = interleaved[2 * i];
    right[i] = interleaved[2 * i + 1];
  }
  return { sampleRate: RATE, channels: [left, right], channelLabels: ['FL', 'FR'] };
}

/** Hits by one-to-one greedy matching of the nearest pairs within the tolerance. */
function hits(found, truth) {
  const pairs = [];
  found.forEach((f, i) =>
    truth.forEach((t, j) => {
      if (Math.abs(f - t) <= TOLERANCE_SEC) pairs.push([Math.abs(f - t), i, j]);
    }),
  );
  pairs.sort((a, b) => a[0] - b[0]);
  const usedF = new Set();
  const usedT = new Set();
  for (const [, i, j] of pairs) {
    if (usedF.has(i) || usedT.has(j)) continue;
    usedF.add(i);
    usedT.add(j);
  }
  return usedF.size;
}

function score(seeds) {
  let found = 0;
  let truth = 0;
  let matched = 0;
  const lines = [];
  for (const seed of seeds) {
    const { file, boundaries, parts } = song(seed);
    const { sections } = findSections(decode(file));
    const detected = (sections ?? []).slice(1).map((s) => s.startSec);
    const h = hits(detected, boundaries);
    found += detected.length;
    truth += boundaries.length;
    matched += h;
    lines.push(
      `seed ${String(seed).padStart(3)}  ${parts.map((p) => p.kind[0]).join('')}  truth ${boundaries.length}  found ${detected.length}  hits ${h}  labels ${(sections ?? []).map((s) => s.label + (s.chorusLike ? '*' : '')).join(' ')}`,
    );
  }
  const precision = found > 0 ? matched / found : 0;
  const recall = truth > 0 ? matched / truth : 0;
  const f = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f, lines, songs: seeds.length, truth };
}

/** CPU time of each measurement task on the 4-minute track, one after the other on this thread. */
function cost() {
  const file = join(root, 'bench/.work/track-4min.wav');
  if (!existsSync(file)) {
    const musicDir = join(root, 'fixtures/music');
    if (!existsSync(musicDir))
      execFileSync('bash', [join(root, 'scripts/fetch-music.sh')], { stdio: 'inherit' });
    const clips = readdirSync(musicDir)
      .filter((f) => f.endsWith('.flac'))
      .sort();
    const list = join(work, 'clips.txt');
    const entries = Array.from(
      { length: 40 },
      (_, i) => `file '${join(musicDir, clips[i % clips.length])}'`,
    );
    writeFileSync(list, `${entries.join('\n')}\n`);
    execFileSync('ffmpeg', [
      ...['-nostdin', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list],
      ...['-t', '240', '-ar', String(RATE), '-ac', '2', '-c:a', 'pcm_s16le', file],
    ]);
  }
  const audio = decode(file);
  const context = { invalidSampleCount: 0 };
  const cpuMs = (work) => {
    work(); // warm-up: compile and build the tables once
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const task = (name) => cpuMs(() => runMeasureTask(name, audio, context));
  // The loudness task finds the sections from its own K-weighted pass: timed alone, with that pass.
  const { power } = analyzeLoudness(audio);
  const sections = cpuMs(() => findSections(audio, power));
  const before = {
    loudness: task('loudness') - sections,
    spectrum: task('spectrum'),
    rhythm: task('rhythm'),
  };
  const beforeMs = before.loudness + before.spectrum + before.rhythm;
  return { before, beforeMs, sections, ratio: sections / beforeMs };
}

const tuning = score(TUNING_SEEDS);
const heldOut = score(HELD_OUT_SEEDS);
const spend = cost();
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const lines = [
  '<!-- sections:start -->',
  '## Sections: boundaries and cost',
  '',
  `\`npm run bench:sections\` — songs assembled from parts rendered by ffmpeg (lavfi \`aevalsrc\`: chords, kick, hats, noise, width and level differ per part), so every boundary is known exactly. A boundary is found when one is detected within ±${TOLERANCE_SEC} s (one-to-one). Seeds ${TUNING_SEEDS[0]}-${TUNING_SEEDS.at(-1)} tuned the constants; seeds ${HELD_OUT_SEEDS[0]}-${HELD_OUT_SEEDS.at(-1)} are held out. Goal: F ≥ ${GOAL}.`,
  '',
  '| set | songs | boundaries | precision | recall | F-measure (±3 s) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...[
    ['tuning', tuning],
    ['held out', heldOut],
  ].map(
    ([name, s]) =>
      `| ${name} | ${s.songs} | ${s.truth} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.f.toFixed(3)} |`,
  ),
  '',
  '```text',
  ...tuning.lines,
  ...heldOut.lines,
  '```',
  '',
  `Cost on the 4-minute track (CPU time on one thread, the same decoded audio, after a warm-up; sections are found inside the loudness task from its K-weighted pass, timed on their own and subtracted for the figure without them): the measurement tasks without sections (loudness ${spend.before.loudness.toFixed(0)} ms, spectrum and stereo ${spend.before.spectrum.toFixed(0)} ms, tempo and key ${spend.before.rhythm.toFixed(0)} ms) take ${spend.beforeMs.toFixed(0)} ms; sections add ${spend.sections.toFixed(0)} ms, **${pct(spend.ratio)}** (limit 10 %).`,
  '<!-- sections:end -->',
];
const section = lines.join('\n');
const docsPath = join(root, 'docs/benchmarks.md');
const docs = existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : '# Benchmarks\n';
const marked = /<!-- sections:start -->[\s\S]*<!-- sections:end -->/;
writeFileSync(
  docsPath,
  marked.test(docs) ? docs.replace(marked, section) : `${docs.trimEnd()}\n\n${section}\n`,
);
console.log(section);
if (heldOut.f < GOAL || spend.ratio > 0.1) process.exitCode = 1;
