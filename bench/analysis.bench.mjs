// `npm run bench`: full-analysis wall time and peak memory of `mixscope analyze --json` on a
// 4-minute 44.1 kHz stereo track (WAV and MP3), against ffmpeg's ebur128 pass on the same file,
// measured in the same run. Writes the figures to docs/benchmarks.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'bench/.work');
const runs = 5;
const durationSec = 240;

mkdirSync(work, { recursive: true });
const track = { wav: join(work, 'track-4min.wav'), mp3: join(work, 'track-4min.mp3') };
makeTrack();

const rows = [];
for (const [format, file] of Object.entries(track)) {
  // The baseline, as before the codec preview; its cost is measured apart below.
  const mixscope = timeRuns([
    'node',
    join(root, 'bin/mixscope.mjs'),
    'analyze',
    file,
    '--json',
    '--no-codecs',
  ]);
  const ffmpeg = timeRuns([
    'ffmpeg',
    '-nostdin',
    '-hide_banner',
    '-i',
    file,
    '-af',
    'ebur128=peak=true',
    '-f',
    'null',
    '-',
  ]);
  const pcmMb = (durationSec * 44100 * 2 * 4) / 2 ** 20;
  rows.push({ format, mixscope, ffmpeg, pcmMb });
}

// The codec preview's cost: the same analysis with and without it on the WAV track, one run of
// each in turn, so that both see the same load.
const loadBefore = loadavg()[0];
const analyzeWav = ['node', join(root, 'bin/mixscope.mjs'), 'analyze', track.wav, '--json'];
const paired = Array.from({ length: runs }, () => [
  timeRuns(analyzeWav, 1),
  timeRuns([...analyzeWav, '--no-codecs'], 1),
]);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const pairedMedian = (side) => ({
  medianSec: median(paired.map((pair) => pair[side].medianSec)),
  cpuSec: median(paired.map((pair) => pair[side].cpuSec)),
});
const withCodecs = pairedMedian(0);
const withoutCodecs = pairedMedian(1);

const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const lines = [
  '# Benchmarks',
  '',
  `Full analysis (\`mixscope analyze FILE --json --no-codecs\`, process start to JSON out) of a ${durationSec / 60}-minute 44.1 kHz stereo track, median of ${runs} runs, against \`ffmpeg -i FILE -af ebur128=peak=true -f null -\` on the same file in the same run.`,
  '',
  `Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| file | MixScope (s) | ffmpeg ebur128 (s) | ratio (limit 1.5) | MixScope peak RSS (MB) | limit: 3 × PCM + 150 (MB) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.format.toUpperCase()} | ${r.mixscope.medianSec.toFixed(3)} | ${r.ffmpeg.medianSec.toFixed(3)} | ${(r.mixscope.medianSec / r.ffmpeg.medianSec).toFixed(2)} | ${r.mixscope.peakRssMb.toFixed(0)} | ${(3 * r.pcmMb + 150).toFixed(0)} |`,
  ),
  '',
  `Codec preview (AAC 256, Ogg Vorbis 320, Opus 160, MP3 320 kb/s, on the track's windows, two encoders at a time) on the WAV track, medians of ${runs} alternated runs, load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}: with ${withCodecs.medianSec.toFixed(3)} s (CPU ${withCodecs.cpuSec.toFixed(2)} s), without (\`--no-codecs\`) ${withoutCodecs.medianSec.toFixed(3)} s (CPU ${withoutCodecs.cpuSec.toFixed(2)} s): wall ratio ${(withCodecs.medianSec / withoutCodecs.medianSec).toFixed(2)}, CPU ratio ${(withCodecs.cpuSec / withoutCodecs.cpuSec).toFixed(2)} (goal 1.5).`,
  '',
];
writeFileSync(join(root, 'docs/benchmarks.md'), withOtherSections(lines.join('\n')));
console.log(lines.join('\n'));

function makeTrack() {
  if (existsSync(track.wav) && existsSync(track.mp3)) return;
  const musicDir = join(root, 'fixtures/music');
  if (!existsSync(musicDir))
    execFileSync('bash', [join(root, 'scripts/fetch-music.sh')], { stdio: 'inherit' });
  const clips = readdirSync(musicDir)
    .filter((f) => f.endsWith('.flac'))
    .sort();
  if (clips.length === 0) throw new Error('no music clips in fixtures/music');
  // Loop the real-music clips into one 4-minute track.
  const list = join(work, 'clips.txt');
  const entries = [];
  for (let i = 0; i < 40; i++) entries.push(`file '${join(musicDir, clips[i % clips.length])}'`);
  writeFileSync(list, `${entries.join('\n')}\n`);
  const common = [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-t',
    String(durationSec),
    '-ar',
    '44100',
    '-ac',
    '2',
  ];
  execFileSync('ffmpeg', [...common, '-c:a', 'pcm_s16le', track.wav]);
  execFileSync('ffmpeg', [...common, '-c:a', 'libmp3lame', '-b:a', '320k', track.mp3]);
}

/** Runs a command `count` times under GNU time; returns the median wall time and the peak RSS. */
function timeRuns(command, count = runs) {
  const times = [];
  const cpu = [];
  let peakRssMb = 0;
  for (let i = 0; i < count; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', ...command], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0) throw new Error(`${command.join(' ')} failed: ${r.stderr.slice(-500)}`);
    const [elapsed, rssKb, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    times.push(elapsed);
    cpu.push(user + sys);
    peakRssMb = Math.max(peakRssMb, rssKb / 1024);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const middle = Math.floor(count / 2);
  return { medianSec: times[middle], cpuSec: cpu[middle], peakRssMb };
}

/**
 * This benchmark owns the head of the file, up to the first marked section: the sections the other
 * benchmarks write (`<!-- load:start -->`, `<!-- memory:start -->`, ...) and the notes after them
 * are kept as they are.
 */
function withOtherSections(analysisSection) {
  const file = join(root, 'docs/benchmarks.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const firstMarked = previous.search(/<!-- [a-z]+:start -->/);
  if (firstMarked === -1) return `${analysisSection}\n`;
  return `${analysisSection}\n${previous.slice(firstMarked)}`;
}
