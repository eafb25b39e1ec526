import { ConfigError } from '@mixscope/contracts';
import { QueueName, queueSettings } from '@mixscope/pipeline';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './gateway-config.ts';

const SECRET = 'x'.repeat(32);

describe('loadGatewayConfig', () => {
  it('refuses to start without a JWT secret, naming the variable', () => {
    expect(() => loadGatewayConfig({})).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32 characters/,
    );
  });

  it('lists every bad variable at once', () => {
    try {
      loadGatewayConfig({
        JWT_SECRET: SECRET,
        PORT: 'eighty',
        REDIS_URL: 'http://nope',
        S3_ENDPOINT: 'not a url',
      });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/gateway refuses to start/);
      for (const name of ['PORT', 'REDIS_URL', 'S3_ENDPOINT'])
        expect(message).toContain(`- ${name}:`);
    }
  });

  it('takes mail settings from the environment and refuses an SMTP URL that is not one', () => {
    expect(loadGatewayConfig({ JWT_SECRET: SECRET }).mail).toEqual({
      smtpUrl: undefined,
      from: 'MixScope <no-reply@mixscope.local>',
      publicUrl: 'http://localhost:3000',
    });
    const set = loadGatewayConfig({
      JWT_SECRET: SECRET,
      SMTP_URL: 'smtps://user:pw@mail.example.com:465',
      MAIL_FROM: 'Studio <studio@example.com>',
      PUBLIC_URL: 'https://mixscope.example.com/',
    });
    expect(set.mail).toEqual({
      smtpUrl: 'smtps://user:pw@mail.example.com:465',
      from: 'Studio <studio@example.com>',
      publicUrl: 'https://mixscope.example.com',
    });
    expect(() =>
      loadGatewayConfig({ JWT_SECRET: SECRET, SMTP_URL: 'http://mail.example.com' }),
    ).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it('fills defaults into a typed, grouped config', () => {
    const config = loadGatewayConfig({
      JWT_SECRET: SECRET,
      CORS_ORIGINS: 'https://a.test, https://b.test',
      S3_ENDPOINT: '',
    });
    expect(config.http).toEqual({
      port: 3001,
      corsOrigins: ['https://a.test', 'https://b.test'],
      trustProxy: false,
    });
    expect(config.database.url).toBe('postgresql://postgres@127.0.0.1:5432/mixscope');
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'mixscope' });
    expect(config.s3.endpoint).toBeUndefined();
    expect(config.uploads.maxBytes).toBe(120 * 1024 * 1024);
    expect(config.uploads.urlTtlSec).toBe(15 * 60);
    expect(config.rateLimits).toEqual({
      perMinute: 300,
      authPerMinute: 10,
      analysesPerMinute: 5,
      sharedPerMinute: 60,
      badCredentialsPerMinute: 20,
      loginFailuresPerAccount: 10,
    });
    expect(config.auth.cookieSecure).toBe(false);
    expect(config.queues).toEqual(queueSettings);
    expect(
      loadGatewayConfig({ JWT_SECRET: SECRET, NODE_ENV: 'production' }).auth.cookieSecure,
    ).toBe(true);
  });

  it('reads TRUST_PROXY as a number of proxies or a yes/no, and retention and metrics settings', () => {
    const trust = (value: string) =>
      loadGatewayConfig({ JWT_SECRET: SECRET, TRUST_PROXY: value }).http.trustProxy;
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('true')).toBe(true);
    expect(trust('false')).toBe(false);
    expect(() => trust('maybe')).toThrow(/TRUST_PROXY/);
    const defaults = loadGatewayConfig({ JWT_SECRET: SECRET });
    expect(defaults.retention).toEqual({ audioDays: 30, sweepIntervalMs: 3_600_000 });
    expect(defaults.metrics.token).toBeUndefined();
    const set = loadGatewayConfig({
      JWT_SECRET: SECRET,
      AUDIO_RETENTION_DAYS: '0',
      METRICS_TOKEN: 'm'.repeat(16),
    });
    expect(set.retention.audioDays).toBe(0);
    expect(set.metrics.token).toBe('m'.repeat(16));
    expect(() => loadGatewayConfig({ JWT_SECRET: SECRET, METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN/,
    );
  });

  it('applies queue overrides from the environment', () => {
    const config = loadGatewayConfig({
      JWT_SECRET: SECRET,
      JOB_ATTEMPTS: '5',
      JOB_BACKOFF_MS: '250',
      ANALYZE_CONCURRENCY: '3',
    });
    expect(config.queues[QueueName.analyze]).toMatchObject({
      attempts: 5,
      backoffDelayMs: 250,
      concurrency: 3,
    });
    expect(config.queues[QueueName.finalize]).toMatchObject({
      attempts: 5,
      concurrency: queueSettings.finalize.concurrency,
    });
  });
});
