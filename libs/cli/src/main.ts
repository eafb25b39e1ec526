import { writeFile } from 'node:fs/promises';
import {
  AnalysisError,
  ANALYZER_VERSION,
  analyzeFile,
  assertFiniteNumbers,
  formatMarkdownReport,
  formatTextReport,
  type AnalysisResult,
} from '@mixscope/audio-analysis';
import { parseCliArgs, UsageError, USAGE, type AnalyzeCommand } from './cli-args.ts';
import { createProgressBar } from './progress-bar.ts';

async function main(argv: string[]): Promise<number> {
  const command = parseCliArgs(argv);
  if (command.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.command === 'version') {
    process.stdout.write(`mixscope ${ANALYZER_VERSION}\n`);
    return 0;
  }
  const output = await runAnalyze(command);
  if (command.out) await writeFile(command.out, output);
  else process.stdout.write(output);
  return 0;
}

async function runAnalyze(command: AnalyzeCommand): Promise<string> {
  const bar = process.stderr.isTTY ? createProgressBar(process.stderr) : undefined;
  let result: AnalysisResult;
  try {
    result = await analyzeFile(command.file, {
      referencePath: command.reference,
      maxDurationSec: command.maxDurationSec,
      onProgress: bar ? (p) => bar.update(p) : undefined,
    });
  } finally {
    bar?.clear();
  }
  return render(result, command);
}

function render(result: AnalysisResult, command: AnalyzeCommand): string {
  switch (command.format) {
    case 'json':
      assertFiniteNumbers(result);
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'md':
      return formatMarkdownReport(result);
    case 'text':
      return formatTextReport(result, { color: !command.out && process.stdout.isTTY === true });
  }
}

/** One short line for anything that goes wrong; a stack trace only when asked for. */
function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) return { message: `${error.message}\n${USAGE.split('\n')[0]}`, exitCode: 2 };
  if (error instanceof AnalysisError) return { message: error.message, exitCode: 1 };
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT') {
    return { message: (error as Error).message, exitCode: 1 };
  }
  if (process.env.MIXSCOPE_DEBUG) console.error(error);
  return { message: `internal error: ${(error as Error)?.message ?? String(error)}`, exitCode: 70 };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { message, exitCode } = describeFailure(error);
    process.stderr.write(`mixscope: ${message}\n`);
    process.exitCode = exitCode;
  },
);
