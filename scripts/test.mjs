// `npm test`: lint, format check, typecheck and every vitest test; ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const checks = [
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

for (const [name, cmd, args] of checks) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const { status } = spawnSync(cmd, args, { stdio: 'inherit' });
  if (status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

const reportFile = join(tmpdir(), `mixscope-vitest-${process.pid}.json`);
const extra = process.argv.slice(2);
console.log('\n▶ tests: vitest run');
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...extra,
  ],
  { stdio: 'inherit' },
);
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (report.numFailedTests > 0) failures.push('tests');
  // A suite that fails to load has no tests to count: count it as a failure.
  const brokenSuites = report.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.length === 0,
  );
  failed += brokenSuites.length;
  for (const suite of brokenSuites) failures.push(`suite ${suite.name}`);
  rmSync(reportFile, { force: true });
} catch {
  failed++;
  failures.push(`vitest exited ${vitest.status} without a report`);
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 ? 0 : 1;
