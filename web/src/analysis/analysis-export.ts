/** Markdown and JSON exports of an analysis: the measurements plus the written report. */
import { formatMarkdownReport } from '@mixscope/present';
import type { Analysis, AnalysisResult, Comment, Feedback } from '../api/api-types.ts';

export function analysisJson(analysis: Analysis): string {
  const { id, title, createdAt, genre, targets, result, report } = analysis;
  return `${JSON.stringify({ id, title, createdAt, genre, targets, result, report: report ?? null }, null, 2)}\n`;
}

/** The document `mixscope analyze --md --feedback` prints for the same file, plus the team's comments. */
export function analysisMarkdown(
  result: AnalysisResult,
  report: Feedback | null | undefined,
  comments: readonly Comment[] = [],
): string {
  return formatMarkdownReport(result, { feedback: report ?? undefined, comments });
}

export function exportFileName(analysis: Analysis, extension: string): string {
  const base = (analysis.title || analysis.result?.file.name || `analysis-${analysis.id}`)
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[^a-z0-9._-]+/gi, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'analysis'}.mixscope.${extension}`;
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
