// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUDIO_FORMATS } from '@mixscope/contracts';
import { UploadWizard } from './upload-wizard.tsx';

const push = vi.fn();
vi.mock('next/navigation', () => ({ useRouter: () => ({ push, replace: vi.fn() }) }));
const sendFile = vi.fn(async () => 'upload-1');
vi.mock('./send-file.ts', () => ({ sendFile: (...args: unknown[]) => sendFile(...(args as [])) }));

const MB = 1024 * 1024;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A gateway whose GET /api/uploads/limits answers `limits` and every other call `other`. */
function stubGateway(limits: () => Response, other: () => Response = () => json(404, {})) {
  const fetch = vi.fn(async (url: string) => (url === '/api/uploads/limits' ? limits() : other()));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const limitsOf = (maxUploadBytes: number) => () =>
  json(200, { maxUploadBytes, acceptedFormats: AUDIO_FORMATS });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  push.mockReset();
});

const wav = (size: number, name = 'mix.wav') => {
  const head = new Uint8Array(
    [...'RIFF']
      .map((c) => c.charCodeAt(0))
      .concat(
        [0, 0, 0, 0],
        [...'WAVE'].map((c) => c.charCodeAt(0)),
      ),
  );
  const file = new File([head], name, { type: 'audio/wav' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
};

describe('UploadWizard', () => {
  it('refuses a file over the gateway’s limit before anything is sent', async () => {
    const fetch = stubGateway(limitsOf(50 * MB));
    render(<UploadWizard projectId="p1" />);
    expect(await screen.findByText('WAV, FLAC, MP3, OGG, M4A or AIFF, up to 50 MB')).toBeTruthy();
    fireEvent.change(screen.getByTestId('mix-input'), { target: { files: [wav(51 * MB)] } });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /is 51 MB; the limit is 50 MB\./,
    );
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    expect(sendFile).not.toHaveBeenCalled();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('leaves the size to the gateway when it cannot say its limit', async () => {
    stubGateway(() => json(503, { statusCode: 503, message: 'unavailable' }));
    render(<UploadWizard projectId="p1" />);
    fireEvent.change(screen.getByTestId('mix-input'), { target: { files: [wav(500 * MB)] } });
    expect(await screen.findByText('mix.wav')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/up to/)).toBeNull();
  });

  it('shows how long to wait when the analysis rate limit is hit', async () => {
    stubGateway(limitsOf(120 * MB), () =>
      json(
        429,
        { statusCode: 429, message: 'ThrottlerException: Too Many Requests' },
        { 'retry-after': '37' },
      ),
    );
    render(<UploadWizard projectId="p1" />);
    fireEvent.change(screen.getByTestId('mix-input'), { target: { files: [wav(4096)] } });
    await screen.findByText('mix.wav');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start analysis' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many requests: the rate limit was reached. Try again in 37 seconds.',
    );
    expect(sendFile).toHaveBeenCalledTimes(1);
    expect(push).not.toHaveBeenCalled();
  });
});
