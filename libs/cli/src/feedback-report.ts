import type { Feedback } from '@mixscope/feedback';

/** The feedback section of the readable and Markdown reports. */
export function formatFeedback(feedback: Feedback, format: 'text' | 'md'): string {
  const md = format === 'md';
  const heading = (title: string) =>
    md ? `## ${title}\n` : `${title}\n${'─'.repeat(title.length)}\n`;
  const sub = (title: string) => (md ? `### ${title}\n` : `${title}:\n`);
  const item = (text: string) => `${md ? '-' : '  •'} ${text}`;
  const { report } = feedback;
  const by =
    feedback.source === 'llm'
      ? `written by ${feedback.model ?? 'the LLM'}, checked against the measurements`
      : `rules engine${feedback.fallbackReason ? ` (${feedback.fallbackReason})` : ''}`;
  const lines: string[] = [
    heading('Feedback'),
    `Source: ${by}. Profile: ${feedback.profile.name} (${feedback.profile.reason}).`,
    '',
    report.summary,
    '',
  ];
  const paragraph = (title: string, text: string | null | undefined) => {
    if (text) lines.push(sub(title), text, '');
  };
  paragraph('Loudness and dynamics', report.loudnessDynamics);
  paragraph('Spectral balance', report.spectralBalance);
  paragraph('Stereo image', report.stereoImage);
  paragraph('Against the reference', report.referenceComparison);
  const list = (title: string, items: string[]) => {
    if (items.length) lines.push(sub(title), ...items.map(item), '');
  };
  list('Strengths', report.strengths);
  list('Weaknesses', report.weaknesses);
  list(
    'Suggestions',
    report.suggestions.map(
      (s) => `[${s.priority}] ${s.area}: ${s.action}${s.detail ? ` (${s.detail})` : ''}`,
    ),
  );
  list(
    'Processing',
    report.processing.map(
      (p) =>
        `${p.type} on ${p.target}: ${p.settings.map((s) => `${s.parameter} ${s.value}${s.unit ? ` ${s.unit}` : ''}`).join(', ')}`,
    ),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
