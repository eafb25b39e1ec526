import { ConfigError } from '@mixscope/contracts';
import { describe, expect, it } from 'vitest';
import { loadLlmWorkerConfig } from './llm-worker-config.ts';

describe('llm-worker config', () => {
  it('runs rules-only without a key, with the default model and bounded time-outs', () => {
    const config = loadLlmWorkerConfig({});
    expect(config.groq).toEqual({
      apiKey: '',
      model: 'openai/gpt-oss-120b',
      baseURL: undefined,
      timeoutMs: 60_000,
      maxRetries: 2,
      totalTimeoutMs: 180_000,
    });
    expect(config.queues.feedback.concurrency).toBeGreaterThan(0);
  });

  it('reads the key from GROQ_API_KEY and the model from GROQ_MODEL', () => {
    const config = loadLlmWorkerConfig({
      GROQ_API_KEY: 'gsk_x',
      GROQ_MODEL: 'openai/gpt-oss-20b',
      GROQ_TIMEOUT_MS: '5000',
    });
    expect(config.groq).toMatchObject({
      apiKey: 'gsk_x',
      model: 'openai/gpt-oss-20b',
      timeoutMs: 5000,
    });
  });

  it('refuses to start on a bad setting, naming it', () => {
    expect(() =>
      loadLlmWorkerConfig({ GROQ_TIMEOUT_MS: 'soon', GROQ_BASE_URL: 'not a url' }),
    ).toThrowError(ConfigError);
    expect(() => loadLlmWorkerConfig({ GROQ_TIMEOUT_MS: 'soon' })).toThrowError(/GROQ_TIMEOUT_MS/);
  });
});
