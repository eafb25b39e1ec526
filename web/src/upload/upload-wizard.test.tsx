// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../lib/upload-rules.ts';
import { UploadWizard } from './upload-wizard.tsx';

const push = vi.fn();
vi.mock('next/navigation', () => ({ useRouter: () => ({ push, replace: vi.fn() }) }));
const sendFile = vi.fn(async () => 'upload-1');
vi.mock('./send-file.ts', () => ({ sendFile: (...args: unknown[]) => sendFile(...(args as [])) }));

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
  it('refuses a file over 120 MB before anything is sent', async () => {
    render(<UploadWizard projectId="p1" />);
    fireEvent.change(screen.getByTestId('mix-input'), {
      target: { files: [wav(MAX_UPLOAD_BYTES + 1024 * 1024)] },
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/the limit is 120 MB/);
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    expect(sendFile).not.toHaveBeenCalled();
  });

  it('shows how long to wait when the analysis rate limit is hit', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' }),
            {
              status: 429,
              headers: { 'content-type': 'application/json', 'retry-after': '37' },
            },
          ),
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
