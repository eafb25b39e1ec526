// `node bench/fft.bench.mjs`: CPU time of the FFT at the sizes the analysis uses, the own radix-4
// transform (double precision) against PFFFT's WebAssembly SIMD build (@echogarden/pffft-wasm,
// single precision), both through libs/dsp's Fft as the analysis calls it: windowed frames of two
// channels in, power of both channels out. Frame counts are those of a 4-minute 44.1 kHz track.
import { cpus, loadavg } from 'node:os';
import { register } from 'tsx/esm/api';

register();
const dsp = new URL('../libs/dsp/src/', import.meta.url);
const { Fft, hann } = await import(new URL('math/fft.ts', dsp).href);
const { installSimdFft } = await import(new URL('math/simd-fft.ts', dsp).href);
const { default: createPffft } = await import('@echogarden/pffft-wasm/simd');

/** Size, frames per track, and what runs them. */
const uses = [
  [512, 10_336, 'onset STFT (pairs of frames)'],
  [2048, 702, 'tempo autocorrelation, key STFT'],
  [4096, 480, 'section frames'],
  [16384, 1292, 'spectrum STFT (stereo pair)'],
];
const rounds = 5;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const random = (n) => Float32Array.from({ length: n }, () => Math.random() - 0.5);

/** Median CPU ms of `frames` windowed transforms plus the power of both channels. */
function time(fft, frames) {
  const n = fft.size;
  const x = random(4 * n);
  const y = random(4 * n);
  const window = hann(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const power = new Float64Array(n / 2 + 1);
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = cpuMs();
    for (let f = 0; f < frames; f++) {
      const at = (f % 3) * n;
      fft.transformWindowed(x, at, y, at, window, re, im);
      for (let k = 0; k <= n / 2; k++) {
        const p = fft.binSlots[k];
        const q = fft.binSlots[(n - k) & (n - 1)];
        power[k] += re[p] * re[p] + im[p] * im[p] + re[q] * re[q] + im[q] * im[q];
      }
    }
    samples.push(cpuMs() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(rounds / 2)];
}

const own = uses.map(([size]) => new Fft(size));
installSimdFft(await createPffft());
const simd = uses.map(([size]) => new Fft(size));

console.log(`Machine: ${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.version}`);
console.log(
  `Load average at the start: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(', ')}`,
);
console.log('| size | frames | used by | radix-4 (ms CPU) | PFFFT SIMD (ms CPU) | ratio |');
console.log('| ---: | ---: | --- | ---: | ---: | ---: |');
let ownTotal = 0;
let simdTotal = 0;
uses.forEach(([size, frames, usedBy], i) => {
  const a = time(own[i], frames);
  const b = time(simd[i], frames);
  ownTotal += a;
  simdTotal += b;
  console.log(
    `| ${size} | ${frames} | ${usedBy} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)} |`,
  );
});
const ratio = (ownTotal / simdTotal).toFixed(2);
console.log(`| all | | | ${ownTotal.toFixed(0)} | ${simdTotal.toFixed(0)} | ${ratio} |`);
