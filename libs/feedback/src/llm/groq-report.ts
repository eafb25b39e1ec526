import Groq, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'groq-sdk';
import { validateReport } from '../report/validate-report.ts';
import { REPORT_SCHEMA, REPORT_SCHEMA_NAME } from '../report/report-schema.ts';
import type { GroqOptions, Report, TokenUsage } from '../types.ts';
import { checkGrounding, describeGroundingIssue, type GroundingFact } from './grounding.ts';
import type { ChatMessage } from './prompt.ts';
import { extractJson, normaliseReportShape } from './repair-json.ts';

export const DEFAULT_MODEL = 'openai/gpt-oss-120b';

const DEFAULTS = {
  timeoutMs: 60_000,
  maxRetries: 2,
  maxAttempts: 3,
  maxRetryAfterMs: 30_000,
  retryBaseDelayMs: 1_000,
  totalTimeoutMs: 180_000,
};
const MAX_BACKOFF_MS = 8_000;
const MAX_COMPLETION_TOKENS = 8_192;

export interface ReportRequest {
  apiKey: string;
  messages: ChatMessage[];
  facts: GroundingFact[];
  hasReference: boolean;
  options: GroqOptions;
}

interface Tally {
  requests: number;
  usage: TokenUsage | undefined;
  startedAt: number;
}

export type ReportOutcome =
  | {
      ok: true;
      report: Report;
      model: string;
      usage?: TokenUsage;
      latencyMs: number;
      attempts: number;
      repairs: string[];
    }
  | {
      ok: false;
      reason: string;
      model: string;
      usage?: TokenUsage;
      latencyMs: number;
      attempts: number;
    };

type Judged = { ok: true; report: Report; repairs: string[] } | { ok: false; problems: string[] };

/** Parse, repair, validate and ground one answer. */
function judge(content: string, facts: GroundingFact[], hasReference: boolean): Judged {
  const extracted = extractJson(content);
  if (!extracted.ok) return { ok: false, problems: [extracted.error] };
  const repairs = [...extracted.repairs];
  const checked = validateReport(normaliseReportShape(extracted.value, repairs, hasReference));
  if (!checked.valid) return { ok: false, problems: checked.errors };
  if (hasReference && !checked.report.referenceComparison) {
    return {
      ok: false,
      problems: ['referenceComparison is empty although a reference track was compared'],
    };
  }
  const ungrounded = checkGrounding(checked.report, facts);
  if (ungrounded.length > 0) {
    return {
      ok: false,
      problems: ungrounded.map(
        (issue) => `contradicts the measurements: ${describeGroundingIssue(issue)}`,
      ),
    };
  }
  return { ok: true, report: checked.report, repairs };
}

type Failure = { retryable: boolean; reason: string; retryAfterMs: number | null };

function retryAfterMs(headers: Headers | undefined): number | null {
  if (!headers) return null;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function classify(error: unknown, timeoutMs: number): Failure {
  if (error instanceof APIConnectionTimeoutError) {
    return {
      retryable: true,
      reason: `request timed out after ${timeoutMs} ms`,
      retryAfterMs: null,
    };
  }
  if (error instanceof APIConnectionError) {
    return { retryable: true, reason: `connection failed: ${error.message}`, retryAfterMs: null };
  }
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return {
      retryable,
      reason: `Groq answered HTTP ${status}: ${error.message}`,
      retryAfterMs: retryAfterMs(error.headers),
    };
  }
  return {
    retryable: false,
    reason: `request failed: ${(error as Error).message ?? String(error)}`,
    retryAfterMs: null,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function backoffMs(retry: number, baseMs: number): number {
  const jitter = 0.75 + Math.random() * 0.25;
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (retry - 1)) * jitter;
}

function addUsage(tally: Tally, usage: Groq.CompletionUsage | undefined) {
  if (!usage) return;
  const sum = tally.usage ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  tally.usage = {
    promptTokens: sum.promptTokens + (usage.prompt_tokens ?? 0),
    completionTokens: sum.completionTokens + (usage.completion_tokens ?? 0),
    totalTokens: sum.totalTokens + (usage.total_tokens ?? 0),
  };
}

/**
 * Asks Groq for the report with structured output and keeps asking, within bounds, until the
 * answer parses, validates and agrees with the measurements. 429 and 5xx wait for Retry-After
 * (or back off exponentially); time-outs and connection errors are retried; a rejected answer
 * is sent back with the reasons. Never throws for service trouble: it returns why it gave up.
 */
export async function requestReport(request: ReportRequest): Promise<ReportOutcome> {
  const settings = { ...DEFAULTS, ...stripUndefined(request.options) };
  const model = request.options.model ?? DEFAULT_MODEL;
  const strict = request.options.strictSchema ?? model.startsWith('openai/gpt-oss');
  const client = new Groq({
    apiKey: request.apiKey,
    baseURL: request.options.baseURL,
    maxRetries: 0,
    timeout: settings.timeoutMs,
  });
  const tally: Tally = { requests: 0, usage: undefined, startedAt: Date.now() };
  const deadline = tally.startedAt + settings.totalTimeoutMs;
  const messages: ChatMessage[] = [...request.messages];
  const finish = (reason: string): ReportOutcome => ({
    ok: false,
    reason,
    model,
    ...(tally.usage ? { usage: tally.usage } : {}),
    latencyMs: Date.now() - tally.startedAt,
    attempts: tally.requests,
  });

  let retries = 0;
  let answers = 0;
  let lastProblem = '';
  while (answers < settings.maxAttempts) {
    const left = deadline - Date.now();
    if (left <= 0)
      return finish(
        `the ${settings.totalTimeoutMs} ms budget ran out${lastProblem ? `; last problem: ${lastProblem}` : ''}`,
      );
    const timeoutMs = Math.min(settings.timeoutMs, left);
    let completion: Groq.Chat.ChatCompletion;
    try {
      tally.requests++;
      completion = await client.chat.completions.create(
        {
          model,
          messages,
          temperature: 0.3,
          max_completion_tokens: MAX_COMPLETION_TOKENS,
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: REPORT_SCHEMA_NAME,
              schema: REPORT_SCHEMA as unknown as Record<string, unknown>,
              strict,
            },
          },
        },
        { timeout: timeoutMs, maxRetries: 0 },
      );
    } catch (error) {
      const failure = classify(error, timeoutMs);
      lastProblem = failure.reason;
      if (!failure.retryable) return finish(failure.reason);
      if (retries >= settings.maxRetries)
        return finish(
          `${failure.reason} (after ${retries} ${retries === 1 ? 'retry' : 'retries'})`,
        );
      if (failure.retryAfterMs !== null && failure.retryAfterMs > settings.maxRetryAfterMs) {
        return finish(
          `${failure.reason}; Retry-After ${Math.round(failure.retryAfterMs)} ms is longer than the ${settings.maxRetryAfterMs} ms allowed`,
        );
      }
      retries++;
      const wait = failure.retryAfterMs ?? backoffMs(retries, settings.retryBaseDelayMs);
      if (Date.now() + wait >= deadline) return finish(`${failure.reason}; no time left to retry`);
      await sleep(wait);
      continue;
    }

    answers++;
    addUsage(tally, completion.usage);
    const content = completion.choices[0]?.message?.content ?? '';
    const judged = judge(content, request.facts, request.hasReference);
    if (judged.ok) {
      return {
        ok: true,
        report: judged.report,
        model: completion.model || model,
        ...(tally.usage ? { usage: tally.usage } : {}),
        latencyMs: Date.now() - tally.startedAt,
        attempts: tally.requests,
        repairs: judged.repairs,
      };
    }
    lastProblem = judged.problems.join('; ');
    messages.push(
      { role: 'assistant', content },
      {
        role: 'user',
        content: `That answer was rejected: ${lastProblem}. Send the complete report again as one JSON object that follows the schema, with every section, quoting measured figures exactly as given.`,
      },
    );
  }
  return finish(`no valid report after ${answers} answers; last problem: ${lastProblem}`);
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
