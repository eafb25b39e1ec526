import type { BandName } from '@mixscope/contracts';

/** Same scale as AudioIssue severities, plus `ok` for a check the mix passes. */
export type Severity = 'error' | 'warning' | 'info' | 'ok';

export type FindingArea =
  | 'genre'
  | 'loudness'
  | 'true-peak'
  | 'dynamics'
  | 'spectrum'
  | 'low-end'
  | 'stereo'
  | 'hygiene'
  | 'reference';

export interface FindingTarget {
  /** e.g. "≤ -1.0 dBTP" or "-11 to -7 LUFS (Pop)". */
  label: string;
  min: number | null;
  max: number | null;
  unit: string;
  /** Where the target comes from, in words a reader can look up. */
  source: string;
}

export type ProcessingType = 'eq' | 'compression' | 'limiting' | 'stereo' | 'saturation' | 'other';

export interface ProcessingSetting {
  /** e.g. "frequency", "gain", "Q", "ratio", "attack", "release", "threshold", "ceiling". */
  parameter: string;
  value: number;
  /** e.g. "Hz", "dB", "ms", ":1", "dBTP"; empty for a plain number such as Q. */
  unit: string;
}

export interface ProcessingStep {
  type: ProcessingType;
  /** What the step acts on, e.g. "mix bus", "master limiter", "sub band 20–60 Hz". */
  target: string;
  settings: ProcessingSetting[];
}

export interface Finding {
  /** Stable id of the check, e.g. "true-peak.over" or "spectrum.band.sub". */
  id: string;
  area: FindingArea;
  severity: Severity;
  title: string;
  /** Dotted path of the measured figure in the AnalysisResult, e.g. "loudness.truePeakDbtp". */
  metric: string;
  measured: number | null;
  unit: string;
  target: FindingTarget | null;
  /** One concrete thing to do (for `ok` findings: what to keep). */
  action: string;
  /** The whole finding as one sentence a mix engineer can read on its own. */
  message: string;
  processing?: ProcessingStep;
}

export type SuggestionPriority = 'high' | 'medium' | 'low';

export interface Suggestion {
  priority: SuggestionPriority;
  area: string;
  action: string;
  detail: string;
}

/** The written report; the same shape whether the LLM or the rules engine wrote it. */
export interface Report {
  summary: string;
  loudnessDynamics: string;
  spectralBalance: string;
  stereoImage: string;
  strengths: string[];
  weaknesses: string[];
  suggestions: Suggestion[];
  processing: ProcessingStep[];
  referenceComparison?: string | null;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ProfileChoice {
  id: string;
  name: string;
  chosenBy: 'user' | 'auto';
  /** How the profile was picked; for `auto`, which measurements decided it. */
  reason: string;
}

export interface Feedback {
  source: 'llm' | 'rules';
  model?: string;
  findings: Finding[];
  report: Report;
  profile: ProfileChoice;
  usage?: TokenUsage;
  latencyMs?: number;
  /** Number of chat-completion requests sent (0 without an API key). */
  attempts?: number;
  /** Why the rules report stands in for the LLM's. */
  fallbackReason?: string;
}

export interface RuleOptions {
  /** A profile id or alias, or "auto" (the default). */
  genre?: string;
  /** Platform ids from the loudness table; default all of them. */
  platforms?: string[];
}

export interface GroqOptions {
  /** Default: process.env.GROQ_API_KEY. An empty string means no key: the rules report. */
  apiKey?: string;
  /** Default: openai/gpt-oss-120b. */
  model?: string;
  baseURL?: string;
  /** Time-out of one HTTP request. Default 60 000 ms. */
  timeoutMs?: number;
  /** Retries after 429, 5xx, time-outs and connection errors. Default 2. */
  maxRetries?: number;
  /** Requests for a report that failed validation or grounding, in all. Default 3. */
  maxAttempts?: number;
  /** Longest Retry-After honoured; a longer one ends in the rules report. Default 30 000 ms. */
  maxRetryAfterMs?: number;
  /** First back-off delay when the server gives no Retry-After. Default 1000 ms. */
  retryBaseDelayMs?: number;
  /** Wall-clock budget of the whole LLM step. Default 180 000 ms. */
  totalTimeoutMs?: number;
  /** Ask for constrained decoding (strict JSON Schema). Default true for gpt-oss models. */
  strictSchema?: boolean;
}

export interface FeedbackOptions extends RuleOptions {
  groq?: GroqOptions;
}

export type { BandName };
