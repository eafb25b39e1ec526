import {
  type AdviceMove,
  REPORT_SCHEMA_NAME,
  reportJsonSchema,
  type Report,
  type TokenUsage,
} from '@mixscope/contracts';
import Groq, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  type ClientOptions,
} from 'groq-sdk';
import type { GroqOptions } from '../feedback-options.ts';
import { validateReport } from '../report/validate-report.ts';
import {
  checkGrounding,
  describeGroundingIssue,
  groundAdvice,
  type GroundingFact,
} from './grounding.ts';
import type { ChatMessage } from './prompt.ts';
import { extractJson, normaliseReportShape } from './repair-json.ts';

export const DEFAULT_MODEL = 'openai/gpt-oss-120b';
/** Given explicitly, so the client never takes an endpoint from the environment. */
const GROQ_BASE_URL = 'https://api.groq.com';

/** The LLM call's limits when the caller sets none; the worker's environment defaults are these. */
export const GROQ_DEFAULTS = {
  timeoutMs: 60_000,
  maxRetries: 2,
  maxAttempts: 3,
  maxRetryAfterMs: 30_000,
  totalTimeoutMs: 180_000,
};
const MAX_COMPLETION_TOKENS = 8_192;

type Settings = typeof GROQ_DEFAULTS;

export interface ReportRequest {
  apiKey: string;
  messages: ChatMessage[];
  facts: GroundingFact[];
  /** The moves the rules decided; the answer may not contradict them or itself. */
  moves: AdviceMove[];
  hasReference: boolean;
  options: GroqOptions;
}

interface Tally {
  /** HTTP requests sent, the client's retries included. */
  requests: number;
  usage: TokenUsage | undefined;
  startedAt: number;
  deadline: number;
  /** Why the last failed request was not retried although the client would have. */
  retryRefused: string | null;
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
      /** What the advice check dropped from the answer, and why. */
      notes: string[];
    }
  | {
      ok: false;
      reason: string;
      model: string;
      usage?: TokenUsage;
      latencyMs: number;
      attempts: number;
    };

type Judged =
  | { ok: true; report: Report; repairs: string[]; notes: string[] }
  | { ok: false; problems: string[] };

/** Parse, repair, validate and ground one answer: its figures and its advice. */
function judge(content: string, request: ReportRequest): Judged {
  const { facts, hasReference } = request;
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
  const advice = groundAdvice(checked.report, request.moves);
  if (!advice.ok) return { ok: false, problems: advice.problems };
  return { ok: true, report: advice.report, repairs, notes: advice.notes };
}

/** The wait a response asks for, read as the client reads it: retry-after-ms, then Retry-After. */
function retryAfterMs(headers: Headers): number | null {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/**
 * The fetch the client sends through. It counts requests, and when a failed response asks for a
 * wait longer than allowed or than the budget has left, it marks the response
 * `x-should-retry: false`, so the client gives up at once instead of sleeping. It never retries.
 */
function budgetedFetch(settings: Settings, tally: Tally): NonNullable<ClientOptions['fetch']> {
  return async (input, init) => {
    tally.requests++;
    const response = await fetch(input, init);
    const wait = response.ok ? null : retryAfterMs(response.headers);
    if (wait === null) return response;
    const asked = `Retry-After ${Math.round(wait)} ms`;
    if (wait > settings.maxRetryAfterMs)
      tally.retryRefused = `${asked} is longer than the ${settings.maxRetryAfterMs} ms allowed`;
    else if (Date.now() + wait >= tally.deadline)
      tally.retryRefused = `${asked} is longer than the time left`;
    else return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

/** Why a request failed for good; by now the client has retried whatever was worth retrying. */
function describeFailure(
  error: unknown,
  context: { retries: number; tally: Tally; settings: Settings },
): string {
  const { retries, tally } = context;
  const after = retries > 0 ? ` (after ${retries} ${retries === 1 ? 'retry' : 'retries'})` : '';
  if (error instanceof APIUserAbortError)
    return `the ${context.settings.totalTimeoutMs} ms budget ran out${after}`;
  if (error instanceof APIConnectionTimeoutError)
    return `request timed out after ${context.settings.timeoutMs} ms${after}`;
  if (error instanceof APIConnectionError) return `connection failed: ${error.message}${after}`;
  if (error instanceof APIError && error.status !== undefined) {
    const reason = `Groq answered HTTP ${error.status}: ${error.message}`;
    return tally.retryRefused ? `${reason}; ${tally.retryRefused}` : `${reason}${after}`;
  }
  return `request failed: ${(error as Error).message ?? String(error)}`;
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
 * Asks Groq for the report with structured output until an answer parses, validates and agrees
 * with the measurements, within maxAttempts answers and the total budget. A rejected answer is
 * sent back with the reasons. Never throws for service trouble: it returns why it gave up.
 *
 * Retries of failed requests (429, 5xx, time-outs, connection errors) happen in ONE layer: the
 * groq-sdk client (maxRetries; it waits as Retry-After says, or backs off exponentially), because
 * it already reads Groq's retry headers and bounds each request with its time-out. This function
 * never retries a failed request itself, and buildFeedback answers a failure with the rules report
 * instead of throwing, so the write-feedback job's BullMQ attempts are no retry layer for the LLM.
 * (Sending a rejected answer back is a repair, bounded by maxAttempts, not a retry.)
 */
export async function requestReport(request: ReportRequest): Promise<ReportOutcome> {
  const settings: Settings = { ...GROQ_DEFAULTS, ...stripUndefined(request.options) };
  const model = request.options.model ?? DEFAULT_MODEL;
  const strict = request.options.strictSchema ?? model.startsWith('openai/gpt-oss');
  const startedAt = Date.now();
  const tally: Tally = {
    requests: 0,
    usage: undefined,
    startedAt,
    deadline: startedAt + settings.totalTimeoutMs,
    retryRefused: null,
  };
  const client = new Groq({
    apiKey: request.apiKey,
    baseURL: request.options.baseURL ?? GROQ_BASE_URL,
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
    fetch: budgetedFetch(settings, tally),
  });
  const responseFormat = {
    type: 'json_schema' as const,
    json_schema: { name: REPORT_SCHEMA_NAME, schema: reportJsonSchema(), strict },
  };
  const messages: ChatMessage[] = [...request.messages];
  const finish = (reason: string): ReportOutcome => ({
    ok: false,
    reason,
    model,
    ...(tally.usage ? { usage: tally.usage } : {}),
    latencyMs: Date.now() - tally.startedAt,
    attempts: tally.requests,
  });

  let answers = 0;
  let lastProblem = '';
  while (answers < settings.maxAttempts) {
    const left = tally.deadline - Date.now();
    if (left <= 0)
      return finish(
        `the ${settings.totalTimeoutMs} ms budget ran out${lastProblem ? `; last problem: ${lastProblem}` : ''}`,
      );
    const sentBefore = tally.requests;
    tally.retryRefused = null;
    let completion: Groq.Chat.ChatCompletion;
    try {
      completion = await client.chat.completions.create(
        {
          model,
          messages,
          temperature: 0.3,
          max_completion_tokens: MAX_COMPLETION_TOKENS,
          response_format: responseFormat,
        },
        // The client's own time-out bounds each request; the signal bounds the whole step.
        { signal: AbortSignal.timeout(left) },
      );
    } catch (error) {
      const retries = Math.max(0, tally.requests - sentBefore - 1);
      return finish(describeFailure(error, { retries, tally, settings }));
    }

    answers++;
    addUsage(tally, completion.usage);
    const content = completion.choices[0]?.message?.content ?? '';
    const judged = judge(content, request);
    if (judged.ok) {
      return {
        ok: true,
        report: judged.report,
        model: completion.model || model,
        ...(tally.usage ? { usage: tally.usage } : {}),
        latencyMs: Date.now() - tally.startedAt,
        attempts: tally.requests,
        repairs: judged.repairs,
        notes: judged.notes,
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
