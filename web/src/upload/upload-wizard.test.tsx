// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUDIO_FORMATS, BATCH_MAX_MIXES } from '@mixscope/contracts';
import { DEFAULT_PLATFORMS } from '../lib/platform-options.ts';
import { UploadWizard } from './upload-wizard.tsx';

const push = vi.fn();
vi.mock('next/navigation', () => ({ useRouter: () => ({ push, replace: vi.fn() }) }));
const sendFile = vi.fn(async (..._args: unknown[]) => 'upload-1');
vi.mock('./send-file.ts', () => ({ sendFile: (...args: unknown[]) => sendFile(...args) }));

const MB = 1024 * 1024;
const PROJECT = { id: 'p1', teamId: 't1', name: 'Album' };
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
  sendFile.mockClear();
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
    render(<UploadWizard project={PROJECT} />);
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
    render(<UploadWizard project={PROJECT} />);
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
    render(<UploadWizard project={PROJECT} />);
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

  const titles = () =>
    screen.getAllByLabelText(/^Title of mix/).map((input) => (input as HTMLInputElement).value);

  it('renames an untouched title after the file is replaced, and keeps a typed one', async () => {
    stubGateway(limitsOf(120 * MB));
    render(<UploadWizard project={PROJECT} />);
    fireEvent.change(screen.getByTestId('mix-input'), {
      target: { files: [wav(4096, 'id3garbage.wav'), wav(4096, 'track two.wav')] },
    });
    await screen.findByText('id3garbage.wav');
    expect(titles()).toEqual(['id3garbage', 'track two']);

    fireEvent.change(screen.getByTestId('replace-input-1'), {
      target: { files: [wav(4096, 'Opening theme.wav')] },
    });
    await screen.findByText('Opening theme.wav');
    expect(screen.queryByText('id3garbage.wav')).toBeNull();
    expect(titles()).toEqual(['Opening theme', 'track two']);

    fireEvent.change(screen.getAllByLabelText(/^Title of mix/)[1], {
      target: { value: 'Closer, final' },
    });
    fireEvent.change(screen.getByTestId('replace-input-2'), {
      target: { files: [wav(4096, 'closer-v9.wav')] },
    });
    await screen.findByText('closer-v9.wav');
    expect(titles()).toEqual(['Opening theme', 'Closer, final']);
  });

  it('sends several mixes as one batch, each into the project chosen for it', async () => {
    const requests: { url: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === '/api/uploads/limits') return limitsOf(120 * MB)();
        if (url === '/api/teams/t1/profiles') return json(200, []);
        const body = init?.body ? JSON.parse(String(init.body)) : null;
        requests.push({ url, body });
        if (url === '/api/teams/t1/projects')
          return json(201, { id: 'p-new', teamId: 't1', name: body.name, createdAt: '' });
        if (url === '/api/analyses/batch')
          return json(201, {
            analyses: body.items.map((item: { projectId: string }, i: number) => ({
              analysisId: `a${i + 1}`,
              projectId: item.projectId,
              status: 'queued',
            })),
          });
        return json(404, {});
      }),
    );
    let uploads = 0;
    sendFile.mockImplementation(async () => `upload-${++uploads}`);
    const onQueued = vi.fn();
    render(<UploadWizard project={PROJECT} onQueued={onQueued} />);
    fireEvent.change(screen.getByTestId('mix-input'), {
      target: { files: [wav(4096, 'one.wav'), wav(4096, 'two.wav'), wav(4096, 'three.wav')] },
    });
    await screen.findByText('three.wav');
    fireEvent.change(screen.getByLabelText('Mix 3 goes into'), {
      target: { value: 'new-project' },
    });
    expect(
      (screen.getByLabelText('Name of the new project for mix 3') as HTMLInputElement).value,
    ).toBe('three');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start 3 analyses' }));
    await vi.waitFor(() => expect(onQueued).toHaveBeenCalledTimes(1));

    expect(requests.map((request) => request.url)).toEqual([
      '/api/teams/t1/projects',
      '/api/analyses/batch',
    ]);
    expect(requests[0].body).toEqual({ name: 'three' });
    expect(sendFile.mock.calls.map((call) => [call[0], (call[1] as File).name])).toEqual([
      ['p1', 'one.wav'],
      ['p1', 'two.wav'],
      ['p-new', 'three.wav'],
    ]);
    expect(requests[1].body).toEqual({
      items: [
        { projectId: 'p1', uploadId: 'upload-1', title: 'one', targets: DEFAULT_PLATFORMS },
        { projectId: 'p1', uploadId: 'upload-2', title: 'two', targets: DEFAULT_PLATFORMS },
        { projectId: 'p-new', uploadId: 'upload-3', title: 'three', targets: DEFAULT_PLATFORMS },
      ],
    });
    expect(onQueued.mock.calls[0][0].analyses).toHaveLength(3);
    expect(push).not.toHaveBeenCalled();
  });

  it('sends every mix of an album to a project of its own in one choice', async () => {
    stubGateway(limitsOf(120 * MB));
    render(<UploadWizard project={PROJECT} />);
    fireEvent.change(screen.getByTestId('mix-input'), {
      target: { files: [wav(4096, 'one.wav'), wav(4096, 'two.wav')] },
    });
    await screen.findByText('two.wav');
    const destinations = () =>
      screen
        .getAllByLabelText(/^Mix \d goes into$/)
        .map((select) => (select as HTMLSelectElement).value);
    expect(destinations()).toEqual(['revision', 'revision']);
    fireEvent.change(screen.getByLabelText('Every mix goes into'), {
      target: { value: 'new-project' },
    });
    expect(destinations()).toEqual(['new-project', 'new-project']);
    expect(
      screen
        .getAllByLabelText(/^Name of the new project for mix/)
        .map((input) => (input as HTMLInputElement).value),
    ).toEqual(['one', 'two']);
    fireEvent.change(screen.getByLabelText('Mix 1 goes into'), { target: { value: 'revision' } });
    expect((screen.getByLabelText('Every mix goes into') as HTMLSelectElement).value).toBe('mixed');
  });

  it(`takes at most ${BATCH_MAX_MIXES} mixes in one batch`, async () => {
    stubGateway(limitsOf(120 * MB));
    render(<UploadWizard project={PROJECT} />);
    const files = Array.from({ length: BATCH_MAX_MIXES + 2 }, (_, i) =>
      wav(4096, `song ${i + 1}.wav`),
    );
    fireEvent.change(screen.getByTestId('mix-input'), { target: { files } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      `One batch takes at most ${BATCH_MAX_MIXES} mixes; 2 were left out.`,
    );
    expect(titles()).toHaveLength(BATCH_MAX_MIXES);
  });

  it("offers the team's target profiles beside the genres, and sends the one picked", async () => {
    const batches: unknown[] = [];
    sendFile.mockImplementation(async () => 'upload-1');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === '/api/uploads/limits') return limitsOf(120 * MB)();
        if (url === '/api/teams/t1/profiles')
          return json(200, [
            { id: 'prof-1', name: 'Club refs', profile: { basis: { referenceCount: 3 } } },
          ]);
        if (url === '/api/analyses/batch') {
          batches.push(JSON.parse(String(init?.body)));
          return json(201, { analyses: [{ analysisId: 'a1', projectId: 'p1', status: 'queued' }] });
        }
        return json(404, {});
      }),
    );
    render(<UploadWizard project={PROJECT} />);
    fireEvent.change(screen.getByTestId('mix-input'), {
      target: { files: [wav(4096, 'one.wav')] },
    });
    await screen.findByText('one.wav');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    const option = await screen.findByRole('option', { name: 'Club refs (from 3 references)' });
    fireEvent.change(screen.getByLabelText('Genre profile'), {
      target: { value: (option as HTMLOptionElement).value },
    });
    fireEvent.click(screen.getByRole('button', { name: /^Start/ }));
    await vi.waitFor(() => expect(push).toHaveBeenCalledWith('/analyses/a1'));
    expect(batches).toEqual([
      {
        items: [
          {
            projectId: 'p1',
            uploadId: 'upload-1',
            title: 'one',
            profileId: 'prof-1',
            targets: DEFAULT_PLATFORMS,
          },
        ],
      },
    ]);
  });
});
