// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthForm } from './auth-form.tsx';

const replace = vi.fn();
vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace }) }));
vi.mock('next/link', () => ({
  default: ({ href, children }: { href: string; children: unknown }) => (
    <a href={href}>{children as string}</a>
  ),
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  replace.mockReset();
  window.localStorage.clear();
});

describe('AuthForm signup from an invitation', () => {
  it('asks for no team, sends the invitation token and opens the team it joined', async () => {
    window.history.pushState({}, '', '/signup?next=%2Finvites%2Fmsi_abc&invite=msi_abc');
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        bodies.push(JSON.parse(String(init.body)));
        return new Response(
          JSON.stringify({ user: {}, team: { id: 'team-1', name: 'T', role: 'viewer' } }),
          { status: 201, headers: { 'content-type': 'application/json' } },
        );
      }),
    );
    render(<AuthForm mode="signup" />);
    await screen.findByText('Create your account to join the team');
    expect(document.querySelector('input[name=teamName]')).toBeNull();
    for (const [name, value] of [
      ['name', 'Vic'],
      ['email', 'vic@studio.test'],
      ['password', 'correct horse battery'],
    ])
      fireEvent.change(document.querySelector(`input[name=${name}]`)!, { target: { value } });
    fireEvent.submit(document.querySelector('form')!);
    await waitFor(() => expect(replace).toHaveBeenCalledWith('/projects'));
    expect(bodies).toEqual([
      {
        email: 'vic@studio.test',
        password: 'correct horse battery',
        name: 'Vic',
        inviteToken: 'msi_abc',
      },
    ]);
    expect(window.localStorage.getItem('mixscope.teamId')).toBe('team-1');
  });

  it('asks a signup without an invitation for its team name', async () => {
    window.history.pushState({}, '', '/signup');
    render(<AuthForm mode="signup" />);
    await screen.findByText('Create your studio account');
    expect(document.querySelector('input[name=teamName]')).not.toBeNull();
  });

  it('tells a new sign-up to follow the mailed link, and opens no session itself', async () => {
    window.history.pushState({}, '', '/signup');
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              status: 'check-email',
              email: 'ada@studio.test',
              message: 'Check ada@studio.test for a link to finish signing up',
            }),
            { status: 202, headers: { 'content-type': 'application/json' } },
          ),
      ),
    );
    render(<AuthForm mode="signup" />);
    await screen.findByText('Create your studio account');
    for (const [name, value] of [
      ['name', 'Ada'],
      ['teamName', 'Night Owl'],
      ['email', 'ada@studio.test'],
      ['password', 'correct horse battery'],
    ])
      fireEvent.change(document.querySelector(`input[name=${name}]`)!, { target: { value } });
    fireEvent.submit(document.querySelector('form')!);
    expect(await screen.findByText('Check your email')).toBeTruthy();
    expect(screen.getByTestId('signup-mailed').textContent).toContain('ada@studio.test');
    expect(replace).not.toHaveBeenCalled();
  });
});
