import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFeedback, NO_API_KEY_REASON } from './build-feedback.ts';
import { DEFAULT_MODEL } from './llm/groq-report.ts';
import type { Feedback } from '@mixscope/contracts';
import type { GroqOptions } from './feedback-options.ts';
import { validateReport } from './report/validate-report.ts';
import { type FakeGroq, type FakeReply, startFakeGroq } from './test-support/fake-groq.ts';
import {
  contradictingParagraphReport,
  groundedReport,
  misquotingReport,
  reportMissingSections,
  selfContradictingReport,
} from './test-support/llm-replies.ts';
import { buildAnalysisResult, buildReferenceFor, withReference } from '@mixscope/contracts/testing';
import { compareResults } from '@mixscope/dsp';
import { withPlatformRows } from '@mixscope/dsp/testing';
import { findReportContradictions } from './report/contradictions.ts';

const API_KEY = 'gsk_test_key';
const result = buildAnalysisResult(
  { loudness: { integratedLufs: -9.7, truePeakDbtp: 0.8 } },
  withPlatformRows,
);
const json = (value: unknown): FakeReply => ({
  kind: 'completion',
  content: JSON.stringify(value),
});
const VALID = json(groundedReport(result));

let fake: FakeGroq | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
  vi.unstubAllEnvs();
});

async function run(script: FakeReply[], groq: Partial<GroqOptions> = {}): Promise<Feedback> {
  fake = await startFakeGroq(script, { apiKey: API_KEY });
  return buildFeedback(result, {
    genre: 'pop',
    groq: {
      apiKey: API_KEY,
      baseURL: fake.baseURL,
      timeoutMs: 2_000,
      ...groq,
    },
  });
}

/** What every scenario must end in: a valid report from the expected source. */
function expectValid(feedback: Feedback, source: 'llm' | 'rules') {
  expect(feedback.source).toBe(source);
  expect(validateReport(feedback.report).valid).toBe(true);
  expect(feedback.findings.length).toBeGreaterThan(0);
  if (source === 'rules') {
    expect(feedback.fallbackReason).toBeTruthy();
    expect(feedback.report.summary).toContain(feedback.fallbackReason!);
  } else {
    expect(feedback.fallbackReason).toBeUndefined();
  }
}

describe('buildFeedback without a key', () => {
  it('returns the rules report and says why, whatever the environment holds', async () => {
    // The caller passes the key in; the library never reads it from the environment.
    vi.stubEnv('GROQ_API_KEY', API_KEY);
    const feedback = await buildFeedback(result, { genre: 'pop' });
    expectValid(feedback, 'rules');
    expect(feedback.fallbackReason).toBe(NO_API_KEY_REASON);
    expect(feedback.report.summary).toContain('GROQ_API_KEY is not set');
    expect(feedback.attempts).toBe(0);
    expect(feedback.model).toBeUndefined();
  });
});

describe('buildFeedback against a fake Groq', () => {
  it('a valid report: source llm, with model, usage and latency', async () => {
    const feedback = await run([VALID]);
    expectValid(feedback, 'llm');
    expect(feedback.report).toEqual(groundedReport(result));
    expect(feedback.model).toBe(DEFAULT_MODEL);
    expect(feedback.usage).toEqual({
      promptTokens: 1200,
      completionTokens: 600,
      totalTokens: 1800,
    });
    expect(feedback.latencyMs).toBeGreaterThanOrEqual(0);
    expect(feedback.attempts).toBe(1);

    const [request] = fake!.requests;
    expect(request.path).toBe('/openai/v1/chat/completions');
    expect(request.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body.model).toBe('openai/gpt-oss-120b');
    const format = request.body.response_format as {
      type: string;
      json_schema: { strict: boolean; schema: { required: string[] } };
    };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.required).toContain('processing');
    const messages = request.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[1].content).toContain('"integratedLufs": -9.7');
    expect(messages[1].content).toContain('True peak +0.8 dBTP');
  });

  it('JSON wrapped in markdown is repaired: source llm', async () => {
    const fenced = `Here is your report:\n\`\`\`json\n${JSON.stringify(groundedReport(result), null, 2)}\n\`\`\`\n`;
    const feedback = await run([{ kind: 'completion', content: fenced }]);
    expectValid(feedback, 'llm');
    expect(fake!.requests).toHaveLength(1);
  });

  it('missing sections are sent back and the retry is used: source llm', async () => {
    const feedback = await run([json(reportMissingSections(result)), VALID]);
    expectValid(feedback, 'llm');
    expect(fake!.requests).toHaveLength(2);
    const retry = fake!.requests[1].body.messages as { role: string; content: string }[];
    expect(retry.at(-1)!.content).toContain('missing section stereoImage');
    expect(retry.at(-1)!.content).toContain('missing section processing');
    expect(feedback.usage?.totalTokens).toBe(3600);
  });

  it('missing sections every time: rules report after maxAttempts answers', async () => {
    const feedback = await run([json(reportMissingSections(result))], { maxAttempts: 2 });
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(2);
    expect(feedback.fallbackReason).toContain('missing section stereoImage');
  });

  it('wrong numbers are rejected by grounding and retried: source llm', async () => {
    const feedback = await run([json(misquotingReport(result)), VALID]);
    expectValid(feedback, 'llm');
    const retry = fake!.requests[1].body.messages as { role: string; content: string }[];
    expect(retry.at(-1)!.content).toMatch(
      /contradicts the measurements: ".*-6\.0 LUFS.*" quotes -6\.00, but the measurement is -9\.70/,
    );
  });

  it('wrong numbers every time: rules report, never the misquoting one', async () => {
    const feedback = await run([json(misquotingReport(result))], { maxAttempts: 3 });
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(3);
    expect(feedback.fallbackReason).toContain('contradicts the measurements');
  });

  it('advice that contradicts itself in list items is repaired, and the notes say how', async () => {
    const feedback = await run([json(selfContradictingReport(result))]);
    expectValid(feedback, 'llm');
    expect(fake!.requests).toHaveLength(1);
    const { suggestions, processing } = feedback.report;
    expect(suggestions.map((s) => s.action)).toContain(
      'Boost about 3.5 dB with a low shelf at 60 Hz.',
    );
    expect(suggestions.map((s) => s.action)).toContain(
      'Rein in stereo wideners and very wide reverbs.',
    );
    expect(suggestions.some((s) => s.action.startsWith('Widen'))).toBe(false);
    expect(processing.some((step) => step.settings.some((x) => x.value === 60))).toBe(false);
    expect(feedback.notes).toEqual([
      expect.stringMatching(
        /^Dropped the processing step “eq on mix bus, sub band”: two-moves on the sub band/,
      ),
      expect.stringMatching(
        /^Dropped the suggestion “Widen the mids.*widen-and-narrow on the stereo image/,
      ),
    ]);
    expect(findReportContradictions(feedback.report)).toEqual([]);
  });

  it('advice that contradicts itself in a paragraph is replaced by the rules report', async () => {
    const feedback = await run([json(contradictingParagraphReport(result))], { maxAttempts: 2 });
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(2);
    expect(feedback.fallbackReason).toContain(
      'the advice contradicts itself: boost-and-cut on the sub band',
    );
    expect(feedback.notes).toBeUndefined();
  });

  it('an answer may not undo what the reference decided', async () => {
    // The reference has 4 dB more sub, loudness-matched: the rules boost the sub toward it.
    const compared = withReference(
      result,
      buildReferenceFor(result, [-4, 0, 0, 0, 0, 0], {}, withPlatformRows),
      compareResults,
    );
    const answer = groundedReport(compared);
    answer.suggestions.push({
      priority: 'medium',
      area: 'spectrum',
      action: 'Cut the sub by 2 dB at 50 Hz.',
      detail: 'The sub is heavy for pop.',
    });
    fake = await startFakeGroq([json(answer)], { apiKey: API_KEY });
    const feedback = await buildFeedback(compared, {
      genre: 'pop',
      groq: { apiKey: API_KEY, baseURL: fake.baseURL, timeoutMs: 2_000 },
    });
    expectValid(feedback, 'llm');
    expect(feedback.findings.find((f) => f.id === 'reference.band.sub')?.move).toMatchObject({
      direction: 'boost',
      status: 'active',
    });
    expect(feedback.report.suggestions.some((s) => s.action.startsWith('Cut the sub'))).toBe(false);
    expect(feedback.notes).toEqual([
      expect.stringContaining('contradicts the reference finding (boost'),
    ]);
  });

  it('429 with Retry-After waits as told, then succeeds: source llm', async () => {
    const feedback = await run([
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      VALID,
    ]);
    expectValid(feedback, 'llm');
    const [first, second] = fake!.requests;
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('429 asking for a longer wait than allowed: rules report at once', async () => {
    const started = Date.now();
    const feedback = await run(
      [{ kind: 'status', status: 429, headers: { 'retry-after': '120' } }],
      { maxRetryAfterMs: 5_000 },
    );
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(feedback.fallbackReason).toContain('Retry-After 120000 ms');
  });

  it('500 then a valid answer: backs off and succeeds: source llm', async () => {
    const feedback = await run([
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      VALID,
    ]);
    expectValid(feedback, 'llm');
    expect(fake!.requests).toHaveLength(3);
  });

  it('500 every time: rules report after maxRetries', async () => {
    const feedback = await run([{ kind: 'status', status: 500 }], { maxRetries: 2 });
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(3);
    expect(feedback.attempts).toBe(3);
    expect(feedback.fallbackReason).toContain('HTTP 500');
    expect(feedback.fallbackReason).toContain('(after 2 retries)');
  });

  it('maxRetries 0: a 503 is not retried', async () => {
    const feedback = await run([{ kind: 'status', status: 503 }, VALID], { maxRetries: 0 });
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(1);
    expect(feedback.fallbackReason).toContain('HTTP 503');
  });

  it('retry-after-ms is honoured to the millisecond scale', async () => {
    const feedback = await run([
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '400' } },
      VALID,
    ]);
    expectValid(feedback, 'llm');
    const [first, second] = fake!.requests;
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(380);
    expect(second.receivedAt - first.receivedAt).toBeLessThan(900);
  });

  it('429 asking for a wait past the total budget: rules report at once', async () => {
    const started = Date.now();
    const feedback = await run([{ kind: 'status', status: 429, headers: { 'retry-after': '3' } }], {
      totalTimeoutMs: 1_500,
    });
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(1);
    expect(feedback.fallbackReason).toContain('Retry-After 3000 ms is longer than the time left');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a hanging connection times out and the retry succeeds: source llm', async () => {
    const started = Date.now();
    const feedback = await run([{ kind: 'hang' }, VALID], { timeoutMs: 300 });
    expectValid(feedback, 'llm');
    expect(fake!.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a connection that always hangs ends quickly in the rules report', async () => {
    const started = Date.now();
    const feedback = await run([{ kind: 'hang' }], { timeoutMs: 300, maxRetries: 1 });
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(2);
    expect(feedback.fallbackReason).toContain('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('the total budget cuts a hanging request short: rules report', async () => {
    const started = Date.now();
    const feedback = await run([{ kind: 'hang' }], { timeoutMs: 5_000, totalTimeoutMs: 600 });
    expectValid(feedback, 'rules');
    expect(fake!.requests).toHaveLength(1);
    expect(feedback.fallbackReason).toContain('the 600 ms budget ran out');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('a rejected key is not retried: rules report', async () => {
    fake = await startFakeGroq([VALID], { apiKey: 'another-key' });
    const feedback = await buildFeedback(result, {
      groq: { apiKey: API_KEY, baseURL: fake.baseURL },
    });
    expectValid(feedback, 'rules');
    expect(fake.requests).toHaveLength(1);
    expect(feedback.fallbackReason).toContain('HTTP 401');
  });

  it('uses the configured model and the key it is given', async () => {
    fake = await startFakeGroq([VALID], { apiKey: API_KEY });
    const feedback = await buildFeedback(result, {
      groq: { apiKey: API_KEY, baseURL: fake.baseURL, model: 'llama-3.3-70b-versatile' },
    });
    expectValid(feedback, 'llm');
    expect(feedback.model).toBe('llama-3.3-70b-versatile');
    const format = fake.requests[0].body.response_format as { json_schema: { strict: boolean } };
    expect(format.json_schema.strict).toBe(false);
  });
});
