// Writes the tempo/key test set as Standard MIDI Files plus a manifest, for render-tempo-set.sh to
// render with fluidsynth. Every track has a known tempo, meter and key; one drifts on purpose.
// Files are rewritten only when their bytes change, so the renderer can skip up-to-date audio.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const PPQ = 480;
const DURATION_SEC = 24;
const PITCH_CLASSES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

const DRUM = {
  kick: 36,
  snare: 38,
  sideStick: 37,
  clap: 39,
  closedHat: 42,
  pedalHat: 44,
  openHat: 46,
  crash: 49,
  ride: 51,
  tambourine: 54,
};

const PROGRAM = {
  piano: 0,
  electricPiano: 4,
  organ: 16,
  rockOrgan: 18,
  nylonGuitar: 24,
  steelGuitar: 25,
  cleanGuitar: 27,
  mutedGuitar: 28,
  overdriveGuitar: 29,
  acousticBass: 32,
  fingerBass: 33,
  pickBass: 34,
  synthBass: 38,
  strings: 48,
  warmPad: 89,
  vibraphone: 11,
};

/*
 * Patterns are strings on a grid of `steps` per bar. Drums: 'X' accent, 'x' normal, 'o' ghost, '.' rest.
 * Bass: a chord-tone digit starts a note ('1' root, '3' third, '5' fifth, '6' sixth, '8' octave),
 * '-' holds it, '.' rests. Chords: 'x' strikes the triad, 'a' plays the next arpeggio tone, '-' holds.
 */
const STYLES = [
  {
    id: 'rock-8ths',
    style: 'rock',
    bpm: 120,
    meter: [4, 4],
    key: ['G', 'major'],
    progression: ['I', 'V', 'vi', 'IV'],
    steps: 16,
    drums: {
      kick: 'X.......X.x.....',
      snare: '....X.......X...',
      closedHat: 'X.x.X.x.X.x.X.x.',
    },
    bass: { program: PROGRAM.pickBass, pattern: '1-1-1-1-1-1-1-1-' },
    chords: [{ program: PROGRAM.overdriveGuitar, pattern: 'x-------x---x---', velocity: 70 }],
  },
  {
    id: 'house-four-on-the-floor',
    style: 'electronic (four-on-the-floor)',
    bpm: 124,
    meter: [4, 4],
    key: ['A', 'minor'],
    progression: ['i', 'VI', 'iv', 'V'],
    steps: 16,
    drums: {
      kick: 'X...X...X...X...',
      clap: '....x.......x...',
      openHat: '..x...x...x...x.',
      closedHat: 'o.o.o.o.o.o.o.o.',
    },
    bass: { program: PROGRAM.synthBass, pattern: '..1-..1-..1-..8-', volume: 80 },
    chords: [
      { program: PROGRAM.warmPad, pattern: 'x---------------', velocity: 70 },
      { program: PROGRAM.piano, pattern: '...x..x....x..x.', velocity: 60 },
    ],
  },
  {
    id: 'hiphop-boom-bap',
    style: 'hip-hop',
    bpm: 90,
    meter: [4, 4],
    key: ['C', 'minor'],
    progression: ['i', 'iv', 'i', 'V'],
    steps: 16,
    swing: 0.3,
    drums: {
      kick: 'X......xX.....x.',
      snare: '....X.......X...',
      closedHat: 'x.xox.xox.xox.xo',
    },
    bass: { program: PROGRAM.fingerBass, pattern: '1------11-----5.' },
    chords: [{ program: PROGRAM.electricPiano, pattern: 'x-----------x---', velocity: 65 }],
  },
  {
    id: 'funk-16ths',
    style: 'funk',
    bpm: 104,
    meter: [4, 4],
    key: ['E', 'minor'],
    progression: ['i', 'iv', 'V', 'i'],
    steps: 16,
    drums: {
      kick: 'X..x..x...X..x..',
      snare: '....X..o.o..X..o',
      closedHat: 'xoxoxoxoxoxoxoxo',
    },
    bass: { program: PROGRAM.fingerBass, pattern: '1-.1..8-.1..5-8.' },
    chords: [
      { program: PROGRAM.mutedGuitar, pattern: '..x.x..x..x.x..x', velocity: 70 },
      { program: PROGRAM.electricPiano, pattern: 'x---------------', velocity: 45 },
    ],
  },
  {
    id: 'ballad',
    style: 'ballad',
    bpm: 66,
    meter: [4, 4],
    key: ['D#', 'major'],
    progression: ['I', 'vi', 'IV', 'V'],
    steps: 16,
    drums: {
      kick: 'X.......X.x.....',
      sideStick: '....x.......x...',
      closedHat: 'o.o.o.o.o.o.o.o.',
    },
    bass: { program: PROGRAM.fingerBass, pattern: '1-------5-------' },
    chords: [
      { program: PROGRAM.piano, pattern: 'a-a-a-a-a-a-a-a-', velocity: 60 },
      { program: PROGRAM.strings, pattern: 'x---------------', velocity: 50 },
    ],
  },
  {
    id: 'jazz-swing',
    style: 'swing',
    bpm: 150,
    meter: [4, 4],
    key: ['A#', 'major'],
    progression: ['I', 'ii', 'V', 'I'],
    steps: 12,
    drums: {
      ride: 'X..x.xX..x.x',
      pedalHat: '...x.....x..',
      kick: 'o..o..o..o..',
      snare: '.......o....',
    },
    bass: { program: PROGRAM.acousticBass, pattern: '1--3--5--6--' },
    chords: [{ program: PROGRAM.piano, pattern: 'x-.....x-...', velocity: 60 }],
  },
  {
    id: 'blues-shuffle',
    style: 'shuffle',
    bpm: 96,
    meter: [4, 4],
    key: ['A', 'major'],
    progression: ['I', 'IV', 'I', 'V'],
    steps: 12,
    drums: {
      kick: 'X.....X.....',
      snare: '...X.....X..',
      closedHat: 'X.xX.xX.xX.x',
    },
    bass: { program: PROGRAM.fingerBass, pattern: '1-.5-.6-.5-.' },
    chords: [{ program: PROGRAM.organ, pattern: 'x-.x-.x-.x-.', velocity: 60 }],
  },
  {
    id: 'half-time',
    style: 'half-time feel',
    bpm: 140,
    meter: [4, 4],
    key: ['F', 'minor'],
    progression: ['i', 'VI', 'iv', 'V'],
    steps: 16,
    drums: {
      kick: 'X.........x.....',
      snare: '........X.......',
      closedHat: 'X.x.X.x.X.x.X.x.',
    },
    bass: { program: PROGRAM.synthBass, pattern: '1-----------1---' },
    chords: [
      { program: PROGRAM.warmPad, pattern: 'x---------------', velocity: 70 },
      { program: PROGRAM.vibraphone, pattern: 'a.a.a.a.a.a.a.a.', velocity: 55 },
    ],
  },
  {
    id: 'waltz',
    style: 'waltz (3/4)',
    bpm: 84,
    meter: [3, 4],
    key: ['D', 'major'],
    progression: ['I', 'IV', 'V', 'I'],
    steps: 12,
    drums: {
      kick: 'X...........',
      snare: '....o...o...',
      closedHat: 'x...o...o...',
    },
    bass: { program: PROGRAM.acousticBass, pattern: '1---........' },
    chords: [
      { program: PROGRAM.piano, pattern: '....x---x---', velocity: 65 },
      { program: PROGRAM.strings, pattern: 'x-----------', velocity: 45 },
    ],
  },
  {
    id: 'viennese-waltz',
    style: 'fast waltz (3/4)',
    bpm: 174,
    meter: [3, 4],
    key: ['F', 'major'],
    progression: ['I', 'IV', 'V', 'I'],
    steps: 6,
    drums: {
      kick: 'X.....',
      closedHat: '..o.o.',
    },
    bass: { program: PROGRAM.acousticBass, pattern: '1-....' },
    chords: [{ program: PROGRAM.piano, pattern: '..x.x.', velocity: 65 }],
  },
  {
    id: 'six-eight',
    style: '6/8',
    // The beat is the dotted quarter; MIDI tempo counts quarters (1.5 per beat).
    bpm: 80,
    meter: [6, 8],
    key: ['B', 'minor'],
    progression: ['i', 'iv', 'VI', 'V'],
    steps: 12,
    drums: {
      kick: 'X...........',
      snare: '......X.....',
      closedHat: 'x.o.o.x.o.o.',
    },
    bass: { program: PROGRAM.fingerBass, pattern: '1-----5-----' },
    chords: [{ program: PROGRAM.steelGuitar, pattern: 'a-a-a-a-a-a-', velocity: 70 }],
  },
  {
    id: 'punk',
    style: 'punk rock',
    bpm: 176,
    meter: [4, 4],
    key: ['E', 'major'],
    progression: ['I', 'IV', 'V', 'IV'],
    steps: 8,
    drums: {
      kick: 'X...X...',
      snare: '..X...X.',
      closedHat: 'XxXxXxXx',
    },
    bass: { program: PROGRAM.pickBass, pattern: '11111111' },
    chords: [{ program: PROGRAM.rockOrgan, pattern: 'x-x-x-x-', velocity: 65 }],
  },
  {
    id: 'disco',
    style: 'disco',
    bpm: 116,
    meter: [4, 4],
    key: ['C', 'major'],
    progression: ['I', 'IV', 'I', 'V'],
    steps: 16,
    drums: {
      kick: 'X...X...X...X...',
      snare: '....X.......X...',
      openHat: '..x...x...x...x.',
      closedHat: 'o.o.o.o.o.o.o.o.',
    },
    bass: { program: PROGRAM.fingerBass, pattern: '1.8.1.8.1.8.1.8.' },
    chords: [{ program: PROGRAM.strings, pattern: 'x-------x-------', velocity: 60 }],
  },
  {
    id: 'rnb-slow-jam',
    style: 'r&b',
    bpm: 72,
    meter: [4, 4],
    key: ['G#', 'major'],
    progression: ['I', 'IV', 'vi', 'V'],
    steps: 16,
    drums: {
      kick: 'X......x..X.....',
      snare: '....X.......X...',
      closedHat: 'xoxoxoxoxoxoxoxo',
    },
    bass: { program: PROGRAM.fingerBass, pattern: '1-----.1..5-----' },
    chords: [{ program: PROGRAM.electricPiano, pattern: 'x-------x-------', velocity: 65 }],
  },
  {
    id: 'pop',
    style: 'pop',
    bpm: 100,
    meter: [4, 4],
    key: ['C#', 'minor'],
    progression: ['i', 'VII', 'VI', 'V'],
    steps: 16,
    drums: {
      kick: 'X.......X.......',
      snare: '....X.......X...',
      closedHat: 'x.x.x.x.x.x.x.x.',
    },
    bass: { program: PROGRAM.fingerBass, pattern: '1---1---1---5---' },
    chords: [{ program: PROGRAM.piano, pattern: 'x---x---x---x---', velocity: 65 }],
  },
  {
    id: 'dembow',
    style: 'reggaeton',
    bpm: 96,
    meter: [4, 4],
    key: ['G', 'minor'],
    progression: ['i', 'iv', 'V', 'i'],
    steps: 16,
    drums: {
      kick: 'X...X...X...X...',
      snare: '...x..x....x..x.',
      closedHat: 'x.x.x.x.x.x.x.x.',
    },
    bass: { program: PROGRAM.synthBass, pattern: '1--.1--.1--.1--.' },
    chords: [{ program: PROGRAM.nylonGuitar, pattern: 'x-------x-------', velocity: 70 }],
  },
  {
    id: 'drift-rock',
    style: 'rock, tempo drifting 100 to 116 BPM',
    bpm: 100,
    endBpm: 116,
    meter: [4, 4],
    key: ['D', 'minor'],
    progression: ['i', 'VI', 'iv', 'V'],
    steps: 16,
    drums: {
      kick: 'X.......X.x.....',
      snare: '....X.......X...',
      closedHat: 'X.x.X.x.X.x.X.x.',
    },
    bass: { program: PROGRAM.pickBass, pattern: '1-1-1-1-1-1-1-1-' },
    chords: [{ program: PROGRAM.cleanGuitar, pattern: 'x-------x---x---', velocity: 70 }],
  },
];

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];
const NUMERALS = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii'];

/** Triad (semitones above the tonic) for a Roman numeral; minor keys take a major V (harmonic minor). */
function triad(numeral, mode) {
  const degree = NUMERALS.indexOf(numeral.toLowerCase());
  if (degree < 0) throw new Error(`unknown numeral ${numeral}`);
  const scale = mode === 'major' ? MAJOR_SCALE : MINOR_SCALE;
  const at = (d) => scale[d % 7] + 12 * Math.floor(d / 7);
  const tones = [at(degree), at(degree + 2), at(degree + 4)];
  if (mode === 'minor' && degree === 4) tones[1] = tones[0] + 4;
  return tones;
}

/** Deterministic PRNG so the set renders identically everywhere. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DRUM_VELOCITY = { X: 120, x: 88, o: 50 };

function barTicks(meter) {
  return (PPQ * 4 * meter[0]) / meter[1];
}

/** Quarter notes per beat: 1 in simple meters, 1.5 (dotted quarter) in compound x/8 meters. */
function quartersPerBeat(meter) {
  return meter[1] === 8 && meter[0] % 3 === 0 ? 1.5 : 1;
}

/** Builds the tempo map (one event per beat) and returns it with the bar count and beat times. */
function planTiming(spec) {
  const qpb = quartersPerBeat(spec.meter);
  const beatTicks = PPQ * qpb;
  const beatsPerBar = barTicks(spec.meter) / beatTicks;
  const endBpm = spec.endBpm ?? spec.bpm;
  // Estimate the beat count from the mean tempo, then let the map decide the exact times.
  const totalBeats =
    Math.ceil((DURATION_SEC * ((spec.bpm + endBpm) / 2)) / 60 / beatsPerBar) * beatsPerBar;
  const tempoEvents = [];
  const beatTimes = [];
  let seconds = 0;
  for (let beat = 0; beat < totalBeats; beat++) {
    const bpm = spec.bpm + ((endBpm - spec.bpm) * beat) / Math.max(1, totalBeats - 1);
    const microsPerQuarter = Math.round(60_000_000 / (bpm * qpb));
    if (beat === 0 || spec.endBpm !== undefined)
      tempoEvents.push({ tick: beat * beatTicks, microsPerQuarter });
    beatTimes.push(Math.round(seconds * 1e4) / 1e4);
    seconds += (microsPerQuarter * qpb) / 1e6;
  }
  return { tempoEvents, beatTimes, bars: totalBeats / beatsPerBar, durationSec: seconds };
}

function noteOn(tick, channel, note, velocity) {
  return { tick, order: 1, bytes: [0x90 | channel, note, velocity] };
}

function noteOff(tick, channel, note) {
  return { tick, order: 0, bytes: [0x80 | channel, note, 0] };
}

function humanize(rand, tick, velocity, stepTicks) {
  const jitter = Math.round((rand() - 0.5) * 2 * Math.min(8, stepTicks / 20));
  const v = Math.round(velocity + (rand() - 0.5) * 16);
  return { tick: Math.max(0, tick + jitter), velocity: Math.min(127, Math.max(1, v)) };
}

/** Tick of grid step `step` in bar `bar`, with swing delaying every second step. */
function stepTick(spec, bar, step) {
  const stepTicks = barTicks(spec.meter) / spec.steps;
  const swing = step % 2 === 1 ? (spec.swing ?? 0) * stepTicks : 0;
  return Math.round(bar * barTicks(spec.meter) + step * stepTicks + swing);
}

/** Length in steps of the note starting at `step`: its start plus the '-' that follow it. */
function heldSteps(pattern, step) {
  let n = 1;
  while (step + n < pattern.length && pattern[step + n] === '-') n++;
  return n;
}

function drumEvents(spec, bars, rand) {
  const events = [];
  const stepTicks = barTicks(spec.meter) / spec.steps;
  for (let bar = 0; bar < bars; bar++) {
    for (const [name, pattern] of Object.entries(spec.drums)) {
      for (let step = 0; step < spec.steps; step++) {
        const velocity = DRUM_VELOCITY[pattern[step]];
        if (velocity === undefined) continue;
        const h = humanize(rand, stepTick(spec, bar, step), velocity, stepTicks);
        events.push(noteOn(h.tick, 9, DRUM[name], h.velocity), noteOff(h.tick + 60, 9, DRUM[name]));
      }
    }
    if (bar % 4 === 0)
      events.push(
        noteOn(stepTick(spec, bar, 0), 9, DRUM.crash, 96),
        noteOff(stepTick(spec, bar, 0) + 60, 9, DRUM.crash),
      );
  }
  return events;
}

const BASS_TONE = { 1: 0, 3: 'third', 5: 7, 6: 9, 8: 12 };

function bassEvents(spec, bars, rand, tonicMidi) {
  const events = [];
  const { pattern } = spec.bass;
  const stepTicks = barTicks(spec.meter) / spec.steps;
  for (let bar = 0; bar < bars; bar++) {
    const chord = triad(spec.progression[bar % spec.progression.length], spec.key[1]);
    const root = tonicMidi - 24 + chord[0];
    for (let step = 0; step < spec.steps; step++) {
      const symbol = BASS_TONE[pattern[step]];
      if (symbol === undefined) continue;
      const offset = symbol === 'third' ? chord[1] - chord[0] : symbol;
      const h = humanize(rand, stepTick(spec, bar, step), 95, stepTicks);
      const length = heldSteps(pattern, step) * stepTicks - 10;
      events.push(
        noteOn(h.tick, 1, root + offset, h.velocity),
        noteOff(h.tick + length, 1, root + offset),
      );
    }
  }
  return events;
}

function chordEvents(spec, part, channel, bars, rand, tonicMidi) {
  const events = [];
  const stepTicks = barTicks(spec.meter) / spec.steps;
  let arpeggioIndex = 0;
  for (let bar = 0; bar < bars; bar++) {
    const chord = triad(spec.progression[bar % spec.progression.length], spec.key[1]).map(
      (t) => tonicMidi + t,
    );
    const arpeggio = [...chord, chord[0] + 12, chord[2], chord[1]];
    for (let step = 0; step < spec.steps; step++) {
      const symbol = part.pattern[step];
      if (symbol !== 'x' && symbol !== 'a') continue;
      const h = humanize(rand, stepTick(spec, bar, step), part.velocity, stepTicks);
      const length = heldSteps(part.pattern, step) * stepTicks - 10;
      const notes = symbol === 'x' ? chord : [arpeggio[arpeggioIndex++ % arpeggio.length]];
      for (const note of notes)
        events.push(
          noteOn(h.tick, channel, note, h.velocity),
          noteOff(h.tick + length, channel, note),
        );
    }
  }
  return events;
}

function variableLength(value) {
  const bytes = [value & 0x7f];
  for (let v = value >> 7; v > 0; v >>= 7) bytes.unshift((v & 0x7f) | 0x80);
  return bytes;
}

function trackChunk(events) {
  const sorted = [...events].sort((a, b) => a.tick - b.tick || a.order - b.order);
  const data = [];
  let last = 0;
  for (const event of sorted) {
    data.push(...variableLength(event.tick - last), ...event.bytes);
    last = event.tick;
  }
  data.push(0, 0xff, 0x2f, 0);
  return Buffer.concat([Buffer.from('MTrk'), uint32(data.length), Buffer.from(data)]);
}

function uint32(value) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}

function setup(channel, program, volume, pan) {
  return [
    { tick: 0, order: -1, bytes: [0xc0 | channel, program] },
    { tick: 0, order: -1, bytes: [0xb0 | channel, 7, volume] },
    { tick: 0, order: -1, bytes: [0xb0 | channel, 10, pan] },
  ];
}

function midiFile(spec, index) {
  const rand = mulberry32(0x5eed + index * 7919);
  const timing = planTiming(spec);
  const tonicMidi =
    60 + PITCH_CLASSES.indexOf(spec.key[0]) - (PITCH_CLASSES.indexOf(spec.key[0]) > 6 ? 12 : 0);
  const conductor = [
    { tick: 0, order: -2, bytes: [0xff, 0x58, 4, spec.meter[0], Math.log2(spec.meter[1]), 24, 8] },
    ...timing.tempoEvents.map((e) => ({
      tick: e.tick,
      order: -2,
      bytes: [
        0xff,
        0x51,
        3,
        (e.microsPerQuarter >> 16) & 0xff,
        (e.microsPerQuarter >> 8) & 0xff,
        e.microsPerQuarter & 0xff,
      ],
    })),
  ];
  const tracks = [
    conductor,
    [...setup(9, 0, 120, 64), ...drumEvents(spec, timing.bars, rand)],
    [
      ...setup(1, spec.bass.program, spec.bass.volume ?? 96, 64),
      ...bassEvents(spec, timing.bars, rand, tonicMidi),
    ],
    ...spec.chords.map((part, i) => [
      ...setup(2 + i, part.program, 95, i % 2 === 0 ? 40 : 88),
      ...chordEvents(spec, part, 2 + i, timing.bars, rand, tonicMidi),
    ]),
  ];
  const header = Buffer.concat([
    Buffer.from('MThd'),
    uint32(6),
    Buffer.from([0, 1, 0, tracks.length, PPQ >> 8, PPQ & 0xff]),
  ]);
  return { bytes: Buffer.concat([header, ...tracks.map(trackChunk)]), timing };
}

function writeIfChanged(path, bytes) {
  if (existsSync(path) && readFileSync(path).equals(bytes)) return false;
  writeFileSync(path, bytes);
  return true;
}

const outDir = process.argv[2] ?? 'fixtures/tempo';
mkdirSync(join(outDir, 'midi'), { recursive: true });
const tracks = STYLES.map((spec, index) => {
  const { bytes, timing } = midiFile(spec, index);
  const changed = writeIfChanged(join(outDir, 'midi', `${spec.id}.mid`), bytes);
  if (changed) console.log(`wrote midi/${spec.id}.mid`);
  return {
    file: `${spec.id}.wav`,
    midi: `midi/${spec.id}.mid`,
    bpm: spec.bpm,
    ...(spec.endBpm !== undefined ? { endBpm: spec.endBpm, drifting: true } : { drifting: false }),
    meter: `${spec.meter[0]}/${spec.meter[1]}`,
    key: `${spec.key[0]} ${spec.key[1]}`,
    style: spec.style,
    durationSec: Math.round(timing.durationSec * 1000) / 1000,
    beats: timing.beatTimes,
  };
});
const manifest = `${JSON.stringify({ version: 1, sampleRate: 44100, tracks }, null, 2)}\n`;
writeIfChanged(join(outDir, 'manifest.json'), Buffer.from(manifest));
