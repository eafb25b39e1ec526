import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AnalysisError, analyzeFile, type AnalyzeOptions } from '@mixscope/measure';
import { safeParseAnalysisResult, type AnalysisResult } from '@mixscope/contracts';
import type { ReferenceAnalysis } from '@mixscope/feedback';

/** A reference that cannot be used, named by its place and file: exit code 1, one line. */
export class ReferenceInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceInputError';
  }
}

/**
 * The `--genre-from` references, measured: a `.json` file is read as the document `mixscope
 * analyze --json` printed (checked against the contract; its top level is the file it measured,
 * named by that file);
 * any other file is analysed as audio.
 */
export async function loadReferences(
  paths: readonly string[],
  options: Pick<AnalyzeOptions, 'ffmpegPath' | 'ffprobePath' | 'maxDurationSec'>,
): Promise<ReferenceAnalysis[]> {
  const loaded: ReferenceAnalysis[] = [];
  for (const [index, path] of paths.entries()) {
    const label = basename(path);
    const where = `reference ${index + 1} (${label})`;
    try {
      // A measured document is named by the file it measured, as if that file had been given.
      if (extname(path).toLowerCase() === '.json') {
        const result = await readMeasured(path, where);
        loaded.push({ label: result.file.name, result });
      } else {
        loaded.push({ label, result: await analyzeFile(path, options) });
      }
    } catch (error) {
      if (error instanceof AnalysisError)
        throw new ReferenceInputError(`${where}: ${error.message}`);
      throw error;
    }
  }
  return loaded;
}

async function readMeasured(path: string, where: string): Promise<AnalysisResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReferenceInputError(
      `${where}: ${code === 'ENOENT' ? 'file not found' : `cannot read it (${code})`}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReferenceInputError(
      `${where}: not JSON; pass the output of \`mixscope analyze --json\``,
    );
  }
  const parsed = safeParseAnalysisResult(json);
  if (!parsed.success) {
    throw new ReferenceInputError(
      `${where}: not a \`mixscope analyze --json\` document (${parsed.error.issues[0].path}: ${parsed.error.issues[0].message})`,
    );
  }
  return parsed.data;
}
