import { parseArgs } from 'node:util';
import { GENRE_IDS, PLATFORM_IDS, findPlatform, resolveGenreId } from '@mixscope/contracts';

export type OutputFormat = 'text' | 'json' | 'md';

export interface AnalyzeCommand {
  command: 'analyze';
  file: string;
  reference?: string;
  /** A genre id from the contract's table, or 'auto'. */
  genre?: string;
  /** Platform ids from the contract's table, for the feedback's loudness targets. */
  targets?: string[];
  format: OutputFormat;
  out?: string;
  feedback: boolean;
  /** False with --no-codecs: no codec preview. */
  codecs: boolean;
  maxDurationSec?: number;
}

export type CliCommand = AnalyzeCommand | { command: 'help' } | { command: 'version' };

/** A mistake in how the command was called: one line, then the usage line; exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** False when the message already lists what is accepted. */
    readonly showUsage = true,
  ) {
    super(message);
  }
}

export const USAGE = `Usage: mixscope analyze FILE [--reference REF] [--feedback] [--no-codecs] [--genre G] [--targets P,...] [--json | --md] [--out PATH]

Measures a finished mix: loudness, dynamics, spectrum, stereo image, tempo, key, transients,
and the true peak after the streaming codecs (AAC, Ogg Vorbis, Opus, MP3).

Options:
  --reference REF      analyse REF in parallel and compare the mix against it
  --feedback           add mixing feedback (rules engine; the LLM when GROQ_API_KEY is set)
  --no-codecs          skip the codec preview (no encodes; faster)
  --genre G            genre profile for feedback: ${GENRE_IDS.join(', ')} (default auto)
  --targets P,...      platforms whose loudness targets the feedback checks (default all):
                       ${PLATFORM_IDS.join(', ')}
  --json               print one JSON document on stdout
  --md                 print a Markdown report
  --out PATH           write the report to PATH instead of stdout
  --max-duration SEC   refuse files longer than this (default 7200)
  -h, --help           show this help
  -v, --version        show the version

Environment: GROQ_API_KEY, GROQ_MODEL, GROQ_BASE_URL (--feedback); FFMPEG_PATH, FFPROBE_PATH`;

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
        targets: { type: 'string' },
        feedback: { type: 'boolean', default: false },
        'no-codecs': { type: 'boolean', default: false },
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
    genre: values.genre === undefined ? undefined : genreId(values.genre),
    targets: values.targets === undefined ? undefined : platformIds(values.targets),
    format: values.json ? 'json' : values.md ? 'md' : 'text',
    out: values.out,
    feedback: values.feedback ?? false,
    codecs: !values['no-codecs'],
    maxDurationSec,
  };
}

/** A genre id or alias ("EDM", "r&b") as its id; anything else is refused with the valid ids. */
function genreId(name: string): string {
  const id = resolveGenreId(name);
  if (id === null) {
    throw new UsageError(`unknown genre "${name}"; use one of: ${GENRE_IDS.join(', ')}`, false);
  }
  return id;
}

/** "spotify, Tidal" → ['spotify', 'tidal']; an unknown id is refused with the valid ids. */
function platformIds(list: string): string[] {
  const ids = list
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== '');
  if (ids.length === 0) {
    throw new UsageError(
      `--targets needs platform ids; use some of: ${PLATFORM_IDS.join(', ')}`,
      false,
    );
  }
  const unknown = ids.filter((id) => findPlatform(id) === undefined);
  if (unknown.length > 0) {
    const named = unknown.map((id) => `"${id}"`).join(', ');
    throw new UsageError(
      `unknown platform ${named}; use some of: ${PLATFORM_IDS.join(', ')}`,
      false,
    );
  }
  return [...new Set(ids)];
}
