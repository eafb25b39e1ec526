import type { Feedback, Suggestion } from '@mixscope/contracts';
import { formatProcessingSettings } from '../format/format-processing.ts';
import type { Block, ReportSection } from './report-model.ts';

const PRIORITY_ORDER: Record<Suggestion['priority'], number> = { high: 0, medium: 1, low: 2 };

/** The feedback after the measurements: who wrote it, the summary, the paragraphs, then the lists. */
export function feedbackSection(feedback: Feedback): ReportSection {
  const { report, profile } = feedback;
  const author =
    feedback.source === 'llm'
      ? `${feedback.model ?? 'the LLM'}, checked against the measurements`
      : `the rules engine${feedback.fallbackReason ? ` (${feedback.fallbackReason})` : ''}`;
  const blocks: Block[] = [
    {
      kind: 'text',
      lines: [
        `Feedback by ${author}. ${profile.chosenBy === 'references' ? 'Target' : 'Genre'} profile: ${
          profile.sure === false ? 'unsure, judged against the union of ' : ''
        }${profile.name} (${profile.reason}).`,
      ],
    },
    { kind: 'text', lines: [report.summary] },
  ];
  if (feedback.notes?.length)
    blocks.push({
      kind: 'list',
      title: 'Consistency check',
      items: feedback.notes,
      ordered: false,
    });
  const paragraph = (title: string, text: string | null | undefined) => {
    if (text) blocks.push({ kind: 'text', title, lines: [text] });
  };
  const list = (title: string, items: string[], ordered = false) => {
    if (items.length > 0) blocks.push({ kind: 'list', title, items, ordered });
  };
  paragraph('Loudness and dynamics', report.loudnessDynamics);
  paragraph('Spectral balance', report.spectralBalance);
  paragraph('Stereo image', report.stereoImage);
  paragraph('Against the reference', report.referenceComparison);
  list('Strengths', report.strengths);
  list('Weaknesses', report.weaknesses);
  list(
    'Suggestions',
    [...report.suggestions]
      .sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority])
      .map(suggestionText),
    true,
  );
  if (report.processing.length > 0) {
    blocks.push({
      kind: 'table',
      title: 'Processing',
      columns: [
        { title: 'Type', align: 'left' },
        { title: 'Target', align: 'left' },
        { title: 'Settings', align: 'left' },
      ],
      rows: report.processing.map((step) => [
        { text: step.type },
        { text: step.target },
        { text: formatProcessingSettings(step.settings) },
      ]),
      notes: [],
    });
  }
  return { title: 'Feedback', blocks };
}

/** "High priority (true-peak): Lower the ceiling. Set the limiter ceiling to -1.0 dBTP." */
function suggestionText(suggestion: Suggestion): string {
  const priority = suggestion.priority.charAt(0).toUpperCase() + suggestion.priority.slice(1);
  const action = /[.!?]$/.test(suggestion.action) ? suggestion.action : `${suggestion.action}.`;
  const detail = suggestion.detail ? ` ${suggestion.detail}` : '';
  return `${priority} priority (${suggestion.area}): ${action}${detail}`;
}
