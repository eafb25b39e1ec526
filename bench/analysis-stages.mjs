// CPU time of each measurement stage of one analysis, on this thread: decodes FILE, then runs the
// tasks the analysis runs (libs/measure/src/measure-tasks.ts), once each, in the order the CLI's
// pool starts them, and prints {stage: CPU ms} as JSON. Each stage runs once in this fresh
// process, so the figures include what the JIT costs a first run, as in the CLI. The FFT is the
// one the workers use (the SIMD build, when the tree has one).
// Usage: node bench/analysis-stages.mjs FILE [--tree DIR]   (DIR: another checkout to measure)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/analysis-stages.mjs FILE [--tree DIR]');
const treeAt = process.argv.indexOf('--tree');
const tree =
  treeAt === -1
    ? new URL('..', import.meta.url)
    : pathToFileURL(`${resolve(process.argv[treeAt + 1])}/`);
const src = new URL('libs/measure/src/', tree);
const { decodeFile } = await import(new URL('decode/decode.ts', src).href);
const { runMeasureTask, SPECTRUM_SHARES } = await import(new URL('measure-tasks.ts', src).href);
// As a measure worker starts: with the SIMD FFT, where the tree has one.
const simdBackend = new URL('simd-fft-backend.ts', src);
if (existsSync(simdBackend)) await (await import(simdBackend.href)).loadSimdFft();

const { audio, invalidSampleCount = 0 } = await decodeFile(file);
const context = { invalidSampleCount };
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const stages = {};
const stage = (name, run) => {
  const start = cpuMs();
  const output = run();
  stages[name] = cpuMs() - start;
  return output;
};

stage('loudness', () => runMeasureTask('loudness', audio, context));
stage('rhythm', () => runMeasureTask('rhythm', audio, context));
const pairSums = stage('spectrumFrames', () =>
  Array.from({ length: SPECTRUM_SHARES }, (_, index) =>
    runMeasureTask('spectrumFrames', audio, {
      ...context,
      share: { index, count: SPECTRUM_SHARES },
    }),
  ),
);
stage('spectrum', () => runMeasureTask('spectrum', audio, { ...context, pairSums }));
stages.total = Object.values(stages).reduce((a, b) => a + b, 0);
process.stdout.write(`${JSON.stringify(stages)}\n`);
