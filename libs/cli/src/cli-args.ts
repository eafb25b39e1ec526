import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'md';

export interface AnalyzeCommand {
  command: 'analyze';
  file: string;
  reference?: string;
  genre?: string;
  format: OutputFormat;
  out?: string;
  feedback: boolean;
  maxDurationSec?: number;
}

export type CliCommand = AnalyzeCommand | { command: 'help' } | { command: 'version' };

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: mixscope analyze FILE [--reference REF] [--genre G] [--feedback] [--json | --md] [--out PATH]

Measures a finished mix: loudness, dynamics, spectrum, stereo image, tempo, key, transients.

Options:
  --reference REF      analyse REF in parallel and compare the mix against it
  --genre G            genre profile for feedback (pop, rock, hip-hop, electronic, ...; default auto)
  --feedback           add mixing feedback (rules engine; the LLM when GROQ_API_KEY is set)
  --json               print one JSON document on stdout
  --md                 print a Markdown report
  --out PATH           write the report to PATH instead of stdout
  --max-duration SEC   refuse files longer than this (default 7200)
  -h, --help           show this help
  -v, --version        show the version`;

export function parseCliArgs(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        reference: { type: 'string' },
        genre: { type: 'string' },
        feedback: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        md: { type: 'boolean', default: false },
        out: { type: 'string' },
        'max-duration': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, file, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command: try `mixscope analyze FILE`');
  if (command !== 'analyze')
    throw new UsageError(`unknown command "${command}": try \`mixscope analyze FILE\``);
  if (file === undefined) throw new UsageError('missing FILE: `mixscope analyze FILE`');
  if (extra.length > 0)
    throw new UsageError(
      `unexpected argument "${extra[0]}" (one FILE per run; use --reference for a second)`,
    );
  if (values.json && values.md) throw new UsageError('choose one of --json and --md');
  let maxDurationSec: number | undefined;
  if (values['max-duration'] !== undefined) {
    maxDurationSec = Number(values['max-duration']);
    if (!Number.isFinite(maxDurationSec) || maxDurationSec <= 0) {
      throw new UsageError(
        `--max-duration must be a positive number of seconds, got "${values['max-duration']}"`,
      );
    }
  }
  return {
    command: 'analyze',
    file,
    reference: values.reference,
    genre: values.genre,
    format: values.json ? 'json' : values.md ? 'md' : 'text',
    out: values.out,
    feedback: values.feedback ?? false,
    maxDurationSec,
  };
}
