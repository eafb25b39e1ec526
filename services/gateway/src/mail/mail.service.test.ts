import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config/gateway-config.ts';
import { MailService } from './mail.service.ts';

const SECRET = 'x'.repeat(32);
const mail = { to: 'sam@studio.test', subject: 'Hello', text: 'Hi' };

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('MailService', () => {
  it('sends nothing, and says so, without an SMTP server', async () => {
    const service = new MailService(loadGatewayConfig({ JWT_SECRET: SECRET }));
    expect(await service.send(mail)).toBe(false);
  });

  it('answers false instead of throwing when the SMTP server cannot be reached', async () => {
    const config = loadGatewayConfig({
      JWT_SECRET: SECRET,
      SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
    });
    const service = new MailService(config);
    try {
      expect(await service.send(mail)).toBe(false);
    } finally {
      service.onModuleDestroy();
    }
  });
});
