// `npm test`: the Nx builds (each skipped when its inputs are unchanged), lint (layer rules
// included), format check, typechecks, then every test suite (core, services and end-to-end, web
// components, web end-to-end in Chromium). Ends with "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const checks = [
  ['build', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']],
  ['lint', ['eslint', '.']],
  ['format', ['prettier', '--check', '.']],
  ['typecheck', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['typecheck tests', ['tsc', '-p', 'test/tsconfig.json', '--noEmit']],
  ['typecheck web', ['tsc', '-p', 'web/tsconfig.json', '--noEmit']],
];

const suites = [
  ['core, services and end-to-end', []],
  ['web components', ['--config', 'web/vitest.config.ts']],
  ['web end-to-end (Chromium)', ['--config', 'web/vitest.e2e.config.ts']],
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

for (const [name, args] of checks) {
  console.log(`\n▶ ${name}: npx ${args.join(' ')}`);
  const { status } = spawnSync('npx', args, { stdio: 'inherit' });
  if (status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

for (const [name, args] of suites) {
  const reportFile = join(tmpdir(), `mixscope-vitest-${process.pid}.json`);
  console.log(`\n▶ tests: ${name}`);
  const run = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
    ],
    { stdio: 'inherit' },
  );
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    if (report.numFailedTests > 0) failures.push(name);
    // A file that fails to load has no tests to count: count it as a failure.
    for (const file of report.testResults) {
      if (file.status === 'failed' && file.assertionResults.length === 0) {
        failed++;
        failures.push(`${name}: ${file.name} did not load`);
      }
    }
  } catch {
    failed++;
    failures.push(`${name}: vitest exited ${run.status} without a report`);
  } finally {
    rmSync(reportFile, { force: true });
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 ? 0 : 1;
