import type { AnalysisResult } from '@mixscope/contracts';
import {
  buildReportModel,
  type Block,
  type Cell,
  type Column,
  type ReportContent,
} from './report-model.ts';

/**
 * The same content as the text report, as Markdown headings, tables and lists: what
 * `mixscope analyze --md` prints and the web app's Markdown export saves.
 */
export function formatMarkdownReport(result: AnalysisResult, content: ReportContent = {}): string {
  const model = buildReportModel(result, content);
  const lines: string[] = [`# ${escapeInline(model.title)}`];
  for (const section of model.sections) {
    lines.push('', `## ${escapeInline(section.title)}`);
    for (const block of section.blocks) lines.push('', ...renderBlock(block));
  }
  lines.push('', `_${escapeInline(model.footer)}_`);
  return `${lines.join('\n')}\n`;
}

function renderBlock(block: Block): string[] {
  const body = renderBody(block);
  return block.title ? [`### ${escapeInline(block.title)}`, '', ...body] : body;
}

function renderBody(block: Block): string[] {
  switch (block.kind) {
    case 'text':
      return block.lines.map(escapeInline);
    case 'list':
      return block.items.map(
        (item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${escapeInline(item)}`,
      );
    case 'pairs': {
      const withNotes = block.rows.some((row) => row.note);
      const columns: Column[] = [
        { title: 'Measure', align: 'left' },
        { title: 'Value', align: 'left' },
        ...(withNotes ? [{ title: 'Note', align: 'left' as const }] : []),
      ];
      const rows = block.rows.map((row) => [
        { text: row.label.trim() },
        { text: row.value },
        ...(withNotes ? [{ text: row.note ?? '' }] : []),
      ]);
      return table(columns, rows);
    }
    case 'table':
      return [
        ...table(block.columns, block.rows),
        ...(block.notes.length > 0 ? ['', ...block.notes.map((n) => `- ${escapeInline(n)}`)] : []),
      ];
  }
}

function table(columns: Column[], rows: Cell[][]): string[] {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    row(columns.map((c) => escapeCell(c.title))),
    row(columns.map((c) => (c.align === 'right' ? '---:' : '---'))),
    ...rows.map((cells) => row(cells.map((cell) => escapeCell(cell.text)))),
  ];
}

function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|');
}

/** Keeps file names and messages from being read as Markdown markup. */
function escapeInline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>#])/g, '\\$1');
}
