import type { AudioIssue, Finding, IssueCode, ProcessingStep } from '@mixscope/contracts';
import { formatNumber as num } from '@mixscope/present';
import { CONVENTION_SOURCE, type RuleContext } from './rule-context.ts';

const DELIVERY_SOURCE = `${CONVENTION_SOURCE}: a delivery master is free of these defects`;

interface IssueAdvice {
  title: string;
  metric: string;
  /** What a clean delivery file looks like. */
  expected: string;
  action(issue: AudioIssue): string;
  processing?: ProcessingStep;
}

function timesText(issue: AudioIssue): string {
  if (issue.times.length === 0) return '';
  const shown = issue.times.slice(0, 3).map((t) => `${num(t)} s`);
  return ` (at ${shown.join(', ')}${issue.times.length > 3 ? ', …' : ''})`;
}

/** What to do about each file-level issue the analyser reports; true-peak overs have their own rule. */
const ADVICE: Partial<Record<IssueCode, IssueAdvice>> = {
  clipping: {
    title: 'Clipped samples',
    metric: 'issues.clipping',
    expected: 'no clipped samples',
    action: (issue) =>
      `Lower the level into the limiter or the offending bus and re-export in 24-bit or float; listen at the marked times${timesText(issue)}.`,
  },
  'dc-offset': {
    title: 'DC offset',
    metric: 'issues.dc-offset',
    expected: 'no DC offset',
    action: () => 'Remove the DC offset with a DC filter or a gentle high-pass before the limiter.',
    processing: {
      type: 'eq',
      target: 'mix bus',
      settings: [
        { parameter: 'high-pass frequency', value: 10, unit: 'Hz' },
        { parameter: 'slope', value: 12, unit: 'dB/oct' },
      ],
    },
  },
  'silence-start': {
    title: 'Silence at the start',
    metric: 'issues.silence-start',
    expected: 'no more than a short pause before the first sound',
    action: (issue) =>
      issue.value !== null
        ? `Trim about ${num(issue.value)} s of leading silence (leave a few milliseconds before the first transient).`
        : 'Trim the leading silence.',
  },
  'silence-end': {
    title: 'Silence at the end',
    metric: 'issues.silence-end',
    expected: 'no more than a short pause after the tail',
    action: (issue) =>
      issue.value !== null
        ? `Trim about ${num(issue.value)} s of trailing silence after the tail has decayed.`
        : 'Trim the trailing silence.',
  },
  'invalid-samples': {
    title: 'Invalid samples',
    metric: 'issues.invalid-samples',
    expected: 'only finite samples',
    action: () =>
      'Re-export the mix: the file holds NaN or infinite samples, usually from a plug-in fault.',
  },
  'out-of-phase': {
    title: 'Out-of-phase channels',
    metric: 'issues.out-of-phase',
    expected: 'channels in polarity',
    action: () =>
      'Check the polarity of one channel and of stereo sources; the mix cancels when summed to mono.',
  },
};

export function hygieneRule({ result }: RuleContext): Finding[] {
  return result.issues.flatMap((issue): Finding[] => {
    const advice = ADVICE[issue.code];
    if (!advice) return [];
    const action = advice.action(issue);
    return [
      {
        id: `hygiene.${issue.code}`,
        area: 'hygiene',
        severity: issue.severity,
        title: advice.title,
        metric: advice.metric,
        measured: issue.value ?? issue.count,
        unit: issue.value !== null ? (issue.unit ?? '') : issue.count !== null ? 'count' : '',
        target: { label: advice.expected, min: null, max: null, unit: '', source: DELIVERY_SOURCE },
        action,
        message: `${issue.message.replace(/\.$/, '')}. ${action}`,
        ...(advice.processing ? { processing: advice.processing } : {}),
      },
    ];
  });
}
