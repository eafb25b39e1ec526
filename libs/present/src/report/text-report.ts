import type { AnalysisResult } from '@mixscope/contracts';
import {
  buildReportModel,
  type Block,
  type Cell,
  type Pair,
  type ReportContent,
  type Tone,
} from './report-model.ts';

export interface TextReportOptions extends ReportContent {
  /** ANSI colours for a terminal. Default false; the caller knows whether it writes to one. */
  color?: boolean;
}

const INDENT = '  ';
const GAP = '  ';
const BAR_WIDTH = 20;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const ANSI: Record<Tone | 'heading', string> = {
  plain: '',
  good: '\u001b[32m',
  warn: '\u001b[33m',
  bad: '\u001b[31m',
  muted: '\u001b[2m',
  heading: '\u001b[1m',
};
const RESET = '\u001b[0m';

/** A terminal report: aligned columns, units on every figure, "—" and its reason for missing ones. */
export function formatTextReport(result: AnalysisResult, options: TextReportOptions = {}): string {
  const paint = (text: string, tone: Tone | 'heading' | undefined) =>
    options.color && tone && ANSI[tone] ? `${ANSI[tone]}${text}${RESET}` : text;
  const model = buildReportModel(result, options);
  const lines: string[] = [paint(model.title, 'heading'), '═'.repeat(model.title.length)];
  for (const section of model.sections) {
    lines.push('', paint(section.title.toUpperCase(), 'heading'));
    section.blocks.forEach((block, i) => {
      if (i > 0) lines.push('');
      lines.push(...renderBlock(block, paint));
    });
  }
  lines.push('', paint(model.footer, 'muted'));
  return `${lines.join('\n')}\n`;
}

type Paint = (text: string, tone: Tone | 'heading' | undefined) => string;

function renderBlock(block: Block, paint: Paint): string[] {
  const body = renderBody(block, paint);
  return block.title ? [INDENT + paint(`${block.title}:`, 'heading'), ...body] : body;
}

function renderBody(block: Block, paint: Paint): string[] {
  switch (block.kind) {
    case 'pairs':
      return renderPairs(block.rows, paint);
    case 'text':
      return block.lines.map((line) => INDENT + line);
    case 'list':
      return block.items.map((item, i) => `${INDENT}${block.ordered ? `${i + 1}.` : '•'} ${item}`);
    case 'table': {
      const bar = block.bar;
      const columns = bar
        ? [...block.columns, { title: bar.scaleLabel, align: 'left' as const }]
        : block.columns;
      const rows: Cell[][] = block.rows.map((row, i) => {
        if (!bar) return row;
        const value = bar.values[i];
        const text =
          value === null ? '' : bar.diverging ? divergingBar(value) : solidBar(value, BAR_WIDTH);
        return [...row, { text, tone: 'plain' }];
      });
      const widths = columns.map((col, c) =>
        Math.max(col.title.length, ...rows.map((row) => row[c].text.length)),
      );
      const pad = (text: string, c: number) =>
        columns[c].align === 'right' ? text.padStart(widths[c]) : text.padEnd(widths[c]);
      const lastColumn = columns.length - 1;
      const line = (cells: string[]) => (INDENT + cells.join(GAP)).trimEnd();
      return [
        line(
          columns.map((col, c) =>
            paint(c === lastColumn ? col.title : pad(col.title, c), 'heading'),
          ),
        ),
        line(widths.map((w) => '─'.repeat(w))),
        ...rows.map((row) =>
          line(
            row.map((cell, c) =>
              paint(c === lastColumn ? cell.text : pad(cell.text, c), cell.tone),
            ),
          ),
        ),
        ...block.notes.map((note) => paint(`${INDENT}· ${note}`, 'muted')),
      ];
    }
  }
}

function renderPairs(rows: Pair[], paint: Paint): string[] {
  const labelWidth = Math.max(...rows.map((row) => row.label.length));
  const valueWidth = Math.max(...rows.map((row) => row.value.length));
  return rows.map((row) => {
    const label = row.label.padEnd(labelWidth);
    if (!row.note) return `${INDENT}${label}${GAP}${paint(row.value, row.tone)}`;
    return `${INDENT}${label}${GAP}${paint(row.value.padEnd(valueWidth), row.tone)}${GAP}${paint(`(${row.note})`, 'muted')}`;
  });
}

/** A left-aligned bar of `fraction` (0-1) of `width` cells, in eighths of a cell. */
function solidBar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** A bar either side of a centre line, for signed values in [-1, 1]. */
function divergingBar(value: number): string {
  const half = BAR_WIDTH / 2;
  const cells = Math.round(Math.min(1, Math.abs(value)) * half);
  const left = value < 0 ? ' '.repeat(half - cells) + '█'.repeat(cells) : ' '.repeat(half);
  const right = value > 0 ? '█'.repeat(cells) : '';
  return `${left}│${right}`;
}
