import type { TargetProfile } from '@mixscope/contracts';

export interface RuleOptions {
  /** A profile id or alias, or "auto" (the default). */
  genre?: string;
  /** A profile built from references (buildTargetProfile), judged against instead of a genre. */
  target?: TargetProfile;
  /** Platform ids from the loudness table; default all of them. */
  platforms?: string[];
}

export interface GroqOptions {
  /** The caller passes it in; unset or empty means no key: the rules report. */
  apiKey?: string;
  /** Default: openai/gpt-oss-120b. */
  model?: string;
  /** Default: https://api.groq.com. */
  baseURL?: string;
  /** Time-out of one HTTP request. Default 60 000 ms. */
  timeoutMs?: number;
  /** The client's retries of one request after 429, 5xx, time-outs and connection errors. Default 2. */
  maxRetries?: number;
  /** Answers asked for in all when an answer fails validation or grounding. Default 3. */
  maxAttempts?: number;
  /** Longest Retry-After honoured; a longer one ends in the rules report. Default 30 000 ms. */
  maxRetryAfterMs?: number;
  /** Wall-clock budget of the whole LLM step. Default 180 000 ms. */
  totalTimeoutMs?: number;
  /** Ask for constrained decoding (strict JSON Schema). Default true for gpt-oss models. */
  strictSchema?: boolean;
}

export interface FeedbackOptions extends RuleOptions {
  groq?: GroqOptions;
}
