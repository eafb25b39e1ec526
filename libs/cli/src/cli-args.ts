import { parseArgs } from 'node:util';
import {
  GENRE_IDS,
  PLATFORM_IDS,
  TARGET_PROFILE_MIN_REFERENCES,
  findPlatform,
  resolveGenreId,
} from '@mixscope/contracts';

export type OutputFormat = 'text' | 'json' | 'md';

export interface AnalyzeCommand {
  command: 'analyze';
  file: string;
  reference?: string;
  /** A genre id from the contract's table, or 'auto'. */
  genre?: string;
  /** Files whose mean and spread become the target profile instead of a genre (implies feedback). */
  genreFrom?: string[];
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

export const USAGE = `Usage: mixscope analyze FILE [--reference REF] [--feedback] [--no-codecs] [--genre G | --genre-from REF1 REF2 ...] [--targets P,...] [--json | --md] [--out PATH]

Measures a finished mix: loudness, dynamics, spectrum, stereo image, tempo, key, transients,
and the true peak after the streaming codecs (AAC, Ogg Vorbis, Opus, MP3).

Options:
  --reference REF      analyse REF in parallel and compare the mix against it
  --feedback           add mixing feedback (rules engine; the LLM when GROQ_API_KEY is set)
  --no-codecs          skip the codec preview (no encodes; faster)
  --genre G            genre profile for feedback: ${GENRE_IDS.join(', ')} (default auto)
  --genre-from REF...  judge against a target built from ${TARGET_PROFILE_MIN_REFERENCES} or more references (their mean and
                       spread; implies --feedback). Each REF is an audio file, or the .json that
                       \`mixscope analyze --json\` printed for it. The list runs to the next option.
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
      tokens: true,
      options: {
        reference: { type: 'string' },
        genre: { type: 'string' },
        'genre-from': { type: 'string' },
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
  const { values } = parsed;
  const { positionals, genreFrom } = splitGenreFrom(parsed.tokens);
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
  if (genreFrom !== undefined) {
    if (values.genre !== undefined) throw new UsageError('choose one of --genre and --genre-from');
    if (genreFrom.length < TARGET_PROFILE_MIN_REFERENCES) {
      throw new UsageError(
        `--genre-from needs at least ${TARGET_PROFILE_MIN_REFERENCES} references, got ${genreFrom.length}`,
      );
    }
  }
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
    genreFrom,
    targets: values.targets === undefined ? undefined : platformIds(values.targets),
    format: values.json ? 'json' : values.md ? 'md' : 'text',
    out: values.out,
    feedback: (values.feedback ?? false) || genreFrom !== undefined,
    codecs: !values['no-codecs'],
    maxDurationSec,
  };
}

type ArgToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * `--genre-from` takes every argument after it up to the next option, so the positionals that
 * follow it are its references, not the command's FILE.
 */
function splitGenreFrom(tokens: readonly ArgToken[] | undefined): {
  positionals: string[];
  genreFrom: string[] | undefined;
} {
  const positionals: string[] = [];
  let genreFrom: string[] | undefined;
  let collecting = false;
  for (const token of tokens ?? []) {
    if (token.kind === 'option') {
      collecting = token.name === 'genre-from';
      if (collecting) {
        if (genreFrom !== undefined)
          throw new UsageError('give --genre-from once, with every reference');
        genreFrom = token.value === undefined ? [] : [token.value];
      }
    } else if (token.kind === 'positional') {
      (collecting ? genreFrom! : positionals).push(token.value);
    } else {
      collecting = false;
    }
  }
  return { positionals, genreFrom };
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
