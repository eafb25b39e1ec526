import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  portAcceptsConnections,
  startProcess,
  waitFor,
  type ManagedProcess,
} from '../../infra/local/local-stack.ts';

/** A private redis-server on a free loopback port, which a test may stop and start again. */
export class PrivateRedis {
  port = 0;
  private process?: ManagedProcess;
  private dir = '';

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    this.dir ||= await mkdtemp(join(tmpdir(), 'mixscope-redis-'));
    // Like the machine's own Redis: nothing kept on disk, so a restart comes back empty.
    this.process = startProcess('redis', 'redis-server', [
      '--bind',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.dir,
    ]);
    await waitFor(`redis on ${this.port}`, () => portAcceptsConnections('127.0.0.1', this.port), {
      timeoutMs: 10_000,
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.process?.stop(5_000);
  }

  async restart(downMs = 0): Promise<void> {
    await this.stop();
    if (downMs) await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
