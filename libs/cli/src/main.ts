import { writeFile } from 'node:fs/promises';
import { AnalysisError, ANALYZER_VERSION, analyzeFile } from '@mixscope/measure';
import { analysisTrackRoles } from '@mixscope/pipeline/progress';
import { parseAnalysisResult, type AnalysisResult, type TargetProfile } from '@mixscope/contracts';
import { formatMarkdownReport, formatTextReport } from '@mixscope/present';
import type { Feedback } from '@mixscope/feedback';
import { parseCliArgs, UsageError, USAGE, type AnalyzeCommand } from './cli-args.ts';
import { createProgressBar } from './progress-bar.ts';
import { ffmpegBinaries } from './ffmpeg-binaries.ts';
import { loadReferences, ReferenceInputError } from './target-references.ts';

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
  // Loaded only when asked for: the LLM client is a large part of start-up time.
  const feedbackModule = command.feedback ? await import('@mixscope/feedback') : undefined;
  // References first: a missing or unusable one fails before the mix is measured.
  let target: TargetProfile | undefined;
  if (command.genreFrom && feedbackModule) {
    const references = await loadReferences(command.genreFrom, {
      ...ffmpegBinaries(),
      maxDurationSec: command.maxDurationSec,
    });
    target = feedbackModule.buildTargetProfile(references);
  }
  const bar = process.stderr.isTTY
    ? createProgressBar(process.stderr, analysisTrackRoles(command.reference !== undefined))
    : undefined;
  let result: AnalysisResult;
  try {
    result = await analyzeFile(command.file, {
      ...ffmpegBinaries(),
      referencePath: command.reference,
      maxDurationSec: command.maxDurationSec,
      codecs: command.codecs,
      onProgress: bar ? (track) => bar.report(track) : undefined,
    });
  } finally {
    bar?.clear();
  }
  const feedback = feedbackModule
    ? await feedbackModule.buildFeedback(result, {
        genre: command.genre,
        target,
        platforms: command.targets,
        // The CLI reads the environment; the feedback library takes what it is given.
        groq: {
          apiKey: process.env.GROQ_API_KEY,
          model: process.env.GROQ_MODEL || undefined,
          baseURL: process.env.GROQ_BASE_URL || undefined,
        },
      })
    : undefined;
  return render(result, feedback, command);
}

function render(
  result: AnalysisResult,
  feedback: Feedback | undefined,
  command: AnalyzeCommand,
): string {
  switch (command.format) {
    case 'json': {
      const doc = feedback ? { ...result, feedback } : result;
      // JSON.stringify would turn NaN into a null with no reason: refuse any break of the contract.
      parseAnalysisResult(doc);
      return `${JSON.stringify(doc, null, 2)}\n`;
    }
    case 'md':
      return formatMarkdownReport(result, { feedback });
    case 'text':
      return formatTextReport(result, {
        feedback,
        color: !command.out && process.stdout.isTTY === true,
      });
  }
}

/** One short line for anything that goes wrong; a stack trace only when asked for. */
function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) {
    const usage = error.showUsage ? `\n${USAGE.split('\n')[0]}` : '';
    return { message: `${error.message}${usage}`, exitCode: 2 };
  }
  // FeedbackError by name: its module is loaded only with --feedback.
  if (
    error instanceof AnalysisError ||
    error instanceof ReferenceInputError ||
    (error as Error)?.name === 'FeedbackError'
  ) {
    return { message: (error as Error).message, exitCode: 1 };
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT') {
    return { message: (error as Error).message, exitCode: 1 };
  }
  if (process.env.MIXSCOPE_DEBUG) console.error(error);
  return { message: `internal error: ${(error as Error)?.message ?? String(error)}`, exitCode: 70 };
}

let settled = false;
// If the event loop ever drained with the analysis unfinished, say so rather than exit 0 silently.
process.on('exit', () => {
  if (settled) return;
  process.stderr.write('mixscope: internal error: the analysis stopped without a result\n');
  process.exitCode = 70;
});

main(process.argv.slice(2)).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (error: unknown) => {
    settled = true;
    const { message, exitCode } = describeFailure(error);
    process.stderr.write(`mixscope: ${message}\n`);
    process.exitCode = exitCode;
  },
);
