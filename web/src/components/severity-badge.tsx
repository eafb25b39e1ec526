const LABELS: Record<string, string> = {
  error: 'Problem',
  warning: 'Check',
  info: 'Note',
  ok: 'Good',
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge severity-${severity}`}>{LABELS[severity] ?? severity}</span>;
}
