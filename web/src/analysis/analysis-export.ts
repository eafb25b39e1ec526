/** Markdown and JSON exports of an analysis: the measurements plus the written report. */
import { audioFormatForFileName } from '@mixscope/contracts';
import { formatMarkdownReport } from '@mixscope/present';
import type { Analysis, AnalysisResult, Feedback } from '../api/api-types.ts';

export function analysisJson(analysis: Analysis): string {
  const { id, title, createdAt, genre, targets, result, report } = analysis;
  return `${JSON.stringify({ id, title, createdAt, genre, targets, result, report: report ?? null }, null, 2)}\n`;
}

/** The document `mixscope analyze --md --feedback` prints for the same file. */
export function analysisMarkdown(
  result: AnalysisResult,
  report: Feedback | null | undefined,
): string {
  return formatMarkdownReport(result, { feedback: report ?? undefined });
}

const MAX_NAME_CHARS = 80;

/**
 * "Final-mix-v3.mixscope.md": named after the revision's title, or else its project and revision
 * number. Never after the uploaded file's name, which often carries tag or export debris. Letters
 * of any script and digits stay; every other run of characters becomes one dash.
 */
export function exportFileName(
  analysis: Pick<Analysis, 'id' | 'title' | 'revision'>,
  projectName: string | null,
  extension: string,
): string {
  const title = analysis.title?.trim();
  const named = title
    ? withoutAudioExtension(title)
    : projectName?.trim()
      ? `${projectName.trim()} r${analysis.revision}`
      : '';
  const base = safeFileName(named) || safeFileName(`analysis ${analysis.id}`);
  return `${base}.mixscope.${extension}`;
}

function withoutAudioExtension(name: string): string {
  return audioFormatForFileName(name) ? name.replace(/\.[^.]+$/, '') : name;
}

function safeFileName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_CHARS)
    .replace(/-+$/, '');
}

/** Saves text as a file through a temporary link. */
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
