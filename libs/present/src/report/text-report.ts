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

/** No line of the report is wider than this (colour codes aside): it fits a common terminal. */
export const TEXT_REPORT_WIDTH = 100;

const INDENT = '  ';
/** Where a table's last column goes when it does not fit beside the others: under its row. */
const UNDER_ROW = INDENT.repeat(3);
/** A last column narrower than this is put under its row instead of squeezed beside it. */
const MIN_SIDE_COLUMN = 32;
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
      return block.lines.flatMap((line) => wrap(line, INDENT, INDENT));
    case 'list':
      return block.items.flatMap((item, i) => {
        const marker = `${INDENT}${block.ordered ? `${i + 1}.` : '•'} `;
        return wrap(item, marker, ' '.repeat(marker.length));
      });
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
      // A long free-text last column (notes, details) wraps beside the row when there is room
      // for it, and goes under its row when there is not.
      const before =
        INDENT.length + widths.slice(0, lastColumn).reduce((a, w) => a + w + GAP.length, 0);
      const fits = before + widths[lastColumn] <= TEXT_REPORT_WIDTH;
      const beside = TEXT_REPORT_WIDTH - before;
      const under = !fits && columns[lastColumn].align === 'left' && beside < MIN_SIDE_COLUMN;
      const shown = under ? lastColumn : columns.length;
      const rowLines = (row: Cell[]): string[] => {
        const cells = row
          .slice(0, shown)
          .map((cell, c) => paint(c === lastColumn ? cell.text : pad(cell.text, c), cell.tone));
        const last = row[lastColumn];
        if (under)
          return [
            line(cells),
            ...wrap(last.text, UNDER_ROW, UNDER_ROW).map((l) => paint(l, last.tone)),
          ];
        if (fits) return [line(cells)];
        const [first, ...rest] = wrap(last.text, '', ' '.repeat(before), beside);
        return [
          line([...cells.slice(0, lastColumn), paint(first, last.tone)]),
          ...rest.map((l) => paint(l, last.tone)),
        ];
      };
      const shownWidths = widths.slice(0, shown);
      if (!under && !fits) shownWidths[lastColumn] = Math.min(widths[lastColumn], beside);
      return [
        line(
          columns
            .slice(0, shown)
            .map((col, c) => paint(c === shown - 1 ? col.title : pad(col.title, c), 'heading')),
        ),
        line(shownWidths.map((w) => '─'.repeat(w))),
        ...rows.flatMap(rowLines),
        ...block.notes.flatMap((note) =>
          wrap(note, `${INDENT}· `, `${INDENT}  `).map((l) => paint(l, 'muted')),
        ),
      ];
    }
  }
}

function renderPairs(rows: Pair[], paint: Paint): string[] {
  const labelWidth = Math.max(...rows.map((row) => row.label.length));
  const valueWidth = Math.max(...rows.map((row) => row.value.length));
  return rows.flatMap((row) => {
    const label = row.label.padEnd(labelWidth);
    const head = `${INDENT}${label}${GAP}`;
    if (!row.note) return `${head}${paint(row.value, row.tone)}`;
    const value = `${head}${row.value.padEnd(valueWidth)}${GAP}`;
    const [first, ...rest] = wrap(
      `(${row.note})`,
      '',
      ' '.repeat(value.length),
      TEXT_REPORT_WIDTH - value.length,
    );
    return [
      `${head}${paint(row.value.padEnd(valueWidth), row.tone)}${GAP}${paint(first, 'muted')}`,
      ...rest.map((l) => paint(l, 'muted')),
    ];
  });
}

/**
 * Words of `text` in lines of at most `width` characters, the first after `first`, the rest after
 * `next` (both counted in the width unless `width` is given for the text alone). A word longer
 * than a line is cut.
 */
function wrap(text: string, first: string, next: string, width?: number): string[] {
  const room = (prefix: string) => Math.max(1, width ?? TEXT_REPORT_WIDTH - prefix.length);
  const lines: string[] = [];
  let prefix = first;
  let current = '';
  const flush = () => {
    lines.push(prefix + current);
    prefix = next;
    current = '';
  };
  for (let word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > room(prefix)) flush();
    for (let n = room(prefix); word.length > n; n = room(prefix)) {
      current = word.slice(0, n);
      word = word.slice(n);
      flush();
    }
    current = current ? `${current} ${word}` : word;
  }
  if (current || lines.length === 0) flush();
  return lines;
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
