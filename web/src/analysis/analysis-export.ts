/** Markdown and JSON exports of an analysis: the measurements plus the written report. */
import type { Analysis } from '../api/api-types.ts';
import { comparedMetric } from '../lib/compared-metric.ts';
import { bandLabel, formatDuration, formatNumber, formatSigned } from '../lib/format.ts';
import { settingsText } from './processing-settings.ts';

export function analysisJson(analysis: Analysis): string {
  const { id, title, createdAt, genre, targets, result, report } = analysis;
  return `${JSON.stringify({ id, title, createdAt, genre, targets, result, report: report ?? null }, null, 2)}\n`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
const unitOr = (value: number | null | undefined, unit: string, decimals = 1) =>
  value === null || value === undefined ? '—' : `${formatNumber(value, decimals)} ${unit}`.trim();

export function exportFileName(analysis: Analysis, extension: string): string {
  const base = (analysis.title || analysis.result?.file.name || `analysis-${analysis.id}`)
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[^a-z0-9._-]+/gi, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'analysis'}.mixscope.${extension}`;
}

export function analysisMarkdown(analysis: Analysis): string {
  const result = analysis.result;
  const lines: string[] = [];
  const title = analysis.title || result?.file.name || 'Analysis';
  lines.push(`# ${title}`, '');
  lines.push(
    `Analysed ${new Date(analysis.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC by MixScope.`,
    '',
  );
  if (!result) {
    lines.push(`Status: ${analysis.status}${analysis.error ? ` — ${analysis.error}` : ''}`, '');
    return lines.join('\n');
  }
  const { file, loudness, spectrum, stereo, tempo, key } = result;
  lines.push(
    `**File:** ${file.name} — ${file.codec}, ${formatNumber(file.sampleRate / 1000, 1)} kHz, ${file.channels} ch, ${formatDuration(file.durationSec)}`,
    '',
  );

  lines.push('## Loudness and dynamics', '', row(['Metric', 'Value']), row(['---', '---:']));
  const loudRows: [string, string][] = [
    ['Integrated loudness', unitOr(loudness.integratedLufs, 'LUFS')],
    ['Loudness range', unitOr(loudness.loudnessRangeLu, 'LU')],
    ['True peak', unitOr(loudness.truePeakDbtp, 'dBTP')],
    ['Sample peak', unitOr(loudness.samplePeakDbfs, 'dBFS')],
    ['PLR', unitOr(loudness.plrDb, 'dB')],
    ['DR', unitOr(loudness.dynamicRangeDb, '', 0).trim()],
    ['Crest factor', unitOr(loudness.crestFactorDb, 'dB')],
    ['Max momentary', unitOr(loudness.momentaryMaxLufs, 'LUFS')],
    ['Max short-term', unitOr(loudness.shortTermMaxLufs, 'LUFS')],
  ];
  for (const [name, value] of loudRows) lines.push(row([name, value]));
  lines.push('');

  if (loudness.platforms.length) {
    lines.push(
      '## Platforms',
      '',
      row(['Platform', 'Target', 'Gain', 'True peak after']),
      row(['---', '---:', '---:', '---:']),
    );
    for (const p of loudness.platforms) {
      lines.push(
        row([
          p.name,
          p.targetLufs === null ? 'none' : `${formatNumber(p.targetLufs)} LUFS`,
          p.gainDb === null ? '—' : `${formatSigned(p.gainDb)} dB`,
          p.resultingTruePeakDbtp === null
            ? '—'
            : `${formatNumber(p.resultingTruePeakDbtp)} dBTP${p.exceedsTruePeakLimit ? ' (over the limit)' : ''}`,
        ]),
      );
    }
    lines.push('');
  }

  lines.push(
    '## Spectrum',
    '',
    row(['Band', 'Range', 'Share', 'Level']),
    row(['---', '---', '---:', '---:']),
  );
  for (const band of spectrum.bands) {
    lines.push(
      row([
        bandLabel(band.name),
        `${band.lowHz}–${band.highHz} Hz`,
        band.share === null ? '—' : `${formatNumber(band.share * 100)} %`,
        unitOr(band.db, 'dB'),
      ]),
    );
  }
  lines.push('');

  if (stereo) {
    lines.push(
      '## Stereo',
      '',
      `Width ${formatNumber(stereo.widthScore, 0)}/100, correlation ${formatNumber(stereo.correlation, 2)}, balance ${formatSigned(stereo.balanceDb)} dB, side/mid ${formatNumber(stereo.sideToMidDb)} dB, mono fold-down ${formatSigned(stereo.monoCompatibility.foldDownLossDb)} LU.`,
      '',
      row(['Band', 'Correlation', 'Width']),
      row(['---', '---:', '---:']),
    );
    for (const band of stereo.bands)
      lines.push(
        row([bandLabel(band.name), formatNumber(band.correlation, 2), formatNumber(band.width, 2)]),
      );
    lines.push('');
  }

  lines.push(
    '## Tempo and key',
    '',
    `Tempo ${tempo?.bpm != null ? `${formatNumber(tempo.bpm)} BPM` : '—'}; key ${key?.label ?? '—'}.`,
    '',
  );

  if (result.issues.length) {
    lines.push('## Issues', '');
    for (const issue of result.issues) lines.push(`- **${issue.severity}** ${issue.message}`);
    lines.push('');
  }

  if (result.comparison) {
    const c = result.comparison;
    lines.push(
      `## Against the reference (${c.referenceName})`,
      '',
      `Reference level-matched by ${formatSigned(c.loudnessMatchGainDb)} dB.`,
      '',
    );
    lines.push(
      row(['Metric', 'Mix', 'Reference', 'Difference']),
      row(['---', '---:', '---:', '---:']),
    );
    for (const d of c.deltas) {
      const shown = comparedMetric(d.metric);
      const delta =
        d.delta === null
          ? '—'
          : `${formatSigned(d.delta, shown.decimals)} ${shown.deltaUnit(d.unit)}`.trim();
      lines.push(
        row([
          shown.label,
          unitOr(d.mix, d.unit, shown.decimals),
          unitOr(d.reference, d.unit, shown.decimals),
          delta,
        ]),
      );
    }
    lines.push('', row(['Band', 'Mix − reference']), row(['---', '---:']));
    for (const b of c.bands)
      lines.push(
        row([bandLabel(b.name), b.deltaDb === null ? '—' : `${formatSigned(b.deltaDb)} dB`]),
      );
    lines.push('');
  }

  const feedback = analysis.report;
  if (feedback) {
    const r = feedback.report;
    lines.push(
      '## Feedback',
      '',
      `_Source: ${feedback.source === 'llm' ? `LLM (${feedback.model ?? 'unknown model'}), checked against the measurements` : 'rules engine'}._`,
      '',
      r.summary,
      '',
      '### Loudness and dynamics',
      '',
      r.loudnessDynamics,
      '',
      '### Spectral balance',
      '',
      r.spectralBalance,
      '',
      '### Stereo image',
      '',
      r.stereoImage,
      '',
    );
    if (r.strengths.length)
      lines.push('### Strengths', '', ...r.strengths.map((s) => `- ${s}`), '');
    if (r.weaknesses.length)
      lines.push('### Weaknesses', '', ...r.weaknesses.map((s) => `- ${s}`), '');
    if (r.suggestions.length) {
      lines.push('### Suggestions', '');
      const rank: Record<string, number> = { high: 0, medium: 1, low: 2 };
      const ordered = [...r.suggestions].sort(
        (a, b) => (rank[a.priority] ?? 3) - (rank[b.priority] ?? 3),
      );
      ordered.forEach((s, i) =>
        lines.push(`${i + 1}. **[${s.priority}] ${s.action}** (${s.area}) — ${s.detail}`),
      );
      lines.push('');
    }
    if (r.processing.length) {
      lines.push(
        '### Processing',
        '',
        row(['Type', 'Target', 'Settings']),
        row(['---', '---', '---']),
      );
      for (const step of r.processing)
        lines.push(row([step.type, step.target, settingsText(step)]));
      lines.push('');
    }
    if (r.referenceComparison)
      lines.push('### Reference comparison', '', r.referenceComparison, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
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
