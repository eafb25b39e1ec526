import { buildSection } from '@mixscope/contracts/testing';
// @vitest-environment happy-dom
import type { CommentDto } from '@mixscope/contracts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommentsPanel, type CommentActions } from './comments-panel.tsx';
import { Timeline, type TimelineProps } from './timeline.tsx';
import { fullView } from './timeline-view.ts';

afterEach(cleanup);

function comment(
  id: string,
  atSec: number,
  authorId: string,
  extra: Partial<CommentDto> = {},
): CommentDto {
  return {
    id,
    analysisId: 'a1',
    author: { id: authorId, name: authorId === 'u1' ? 'Alex' : 'Sam' },
    body: `says ${id}`,
    atSec,
    endSec: null,
    parentId: null,
    resolved: false,
    createdAt: `2026-01-01T00:00:0${id.length}.000Z`,
    ...extra,
  };
}

function timeline(overrides: Partial<TimelineProps> = {}) {
  const props: TimelineProps = {
    waveform: null,
    durationSec: 40,
    view: fullView(40),
    onViewChange: vi.fn(),
    playheadSec: 10,
    issueMarkers: [
      {
        key: 'k1',
        atSec: 30,
        code: 'clipping',
        severity: 'error',
        label: 'Clipping',
        message: 'clips',
      },
    ],
    commentMarkers: [{ id: 'c1', atSec: 4, endSec: 8, resolved: false, label: 'Alex: hi' }],
    curves: [],
    onSeek: vi.fn(),
    onIssueMarker: vi.fn(),
    onCommentMarker: vi.fn(),
    ...overrides,
  };
  render(<Timeline {...props} />);
  return props;
}

describe('Timeline', () => {
  it('shades the sections under the waveform', () => {
    timeline({
      sections: [
        buildSection({ startSec: 0, endSec: 10, label: 'A' }),
        buildSection({ startSec: 10, endSec: 40, label: 'B', chorusLike: true }),
      ],
    });
    const bands = screen.getAllByTestId('section-band');
    expect(bands.map((band) => [band.style.left, band.style.width, band.textContent])).toEqual([
      ['0%', '25%', 'A'],
      ['25%', '75%', 'B'],
    ]);
    expect(bands[1].getAttribute('title')).toBe('B (chorus-like)');
  });

  it('places the playhead, issue and comment markers by their times', () => {
    timeline();
    expect(screen.getByTestId('playhead').style.left).toBe('25%');
    const issue = screen.getByTestId('issue-marker');
    expect(issue.style.left).toBe('75%');
    expect(issue.getAttribute('aria-label')).toBe('Clipping at 0:30.0: play from here');
    const range = screen.getByTestId('comment-marker');
    expect(range.style.left).toBe('10%');
    expect(range.style.width).toBe('10%');
  });

  it('hands a clicked marker to the player', () => {
    const props = timeline();
    fireEvent.click(screen.getByTestId('issue-marker'));
    expect(props.onIssueMarker).toHaveBeenCalledWith(expect.objectContaining({ atSec: 30 }));
    fireEvent.click(screen.getByTestId('comment-marker'));
    expect(props.onCommentMarker).toHaveBeenCalledWith('c1');
  });

  it('shows only the markers inside a zoomed view, and offers a way back', () => {
    const props = timeline({ view: { startSec: 0, endSec: 20 } });
    expect(screen.queryByTestId('issue-marker')).toBeNull();
    expect(screen.getByTestId('playhead').style.left).toBe('50%');
    fireEvent.click(screen.getByRole('button', { name: 'Fit' }));
    expect(props.onViewChange).toHaveBeenCalledWith(fullView(40));
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(props.onViewChange).toHaveBeenLastCalledWith({ startSec: 5, endSec: 15 });
  });
});

function actions(): CommentActions {
  return {
    create: vi.fn(async () => undefined),
    update: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
  };
}

describe('CommentsPanel', () => {
  const list = [
    comment('late', 20, 'u2'),
    comment('early', 3, 'u1'),
    comment('reply', 20, 'u1', { parentId: 'late' }),
  ];

  it('lists threads in time order with their replies beneath', () => {
    render(
      <CommentsPanel
        comments={list}
        viewer={{ userId: 'u1', role: 'member' }}
        actions={actions()}
        playheadSec={0}
        durationSec={30}
        onSeek={vi.fn()}
      />,
    );
    const bodies = screen.getAllByTestId('comment-body').map((node) => node.textContent);
    expect(bodies).toEqual(['says early', 'says late', 'says reply']);
    const replies = screen.getByRole('list', { name: 'Replies to Sam' });
    expect(within(replies).getByText('says reply')).toBeTruthy();
  });

  it('offers edit and delete only where authorship or the role allows', () => {
    render(
      <CommentsPanel
        comments={list}
        viewer={{ userId: 'u1', role: 'member' }}
        actions={actions()}
        playheadSec={0}
        durationSec={30}
        onSeek={vi.fn()}
      />,
    );
    const [early, late] = screen.getAllByTestId('comment');
    expect(within(early).getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(within(early).getByRole('button', { name: 'Delete' })).toBeTruthy();
    expect(within(late).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(late).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(late).getByRole('button', { name: 'Resolve' })).toBeTruthy();
  });

  it('adds a comment at the playhead, optionally as a range', async () => {
    const acts = actions();
    render(
      <CommentsPanel
        comments={[]}
        viewer={{ userId: 'u1', role: 'viewer' }}
        actions={acts}
        playheadSec={12.34}
        durationSec={30}
        onSeek={vi.fn()}
      />,
    );
    fireEvent.change(screen.getByLabelText('Comment at 0:12.3'), {
      target: { value: '  snare too loud  ' },
    });
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.change(screen.getByLabelText('End of the commented passage'), {
      target: { value: '0:15.5' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Comment at 0:12.3' }));
    await vi.waitFor(() =>
      expect(acts.create).toHaveBeenCalledWith({
        body: 'snare too loud',
        atSec: 12.34,
        endSec: 15.5,
      }),
    );
  });

  it('reopens a resolved comment and shows no controls where nobody may write', () => {
    const acts = actions();
    const { unmount } = render(
      <CommentsPanel
        comments={[comment('done', 1, 'u2', { resolved: true })]}
        viewer={{ userId: 'u1', role: 'admin' }}
        actions={acts}
        playheadSec={0}
        durationSec={30}
        onSeek={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reopen' }));
    expect(acts.update).toHaveBeenCalledWith('done', { resolved: false });
    unmount();
    render(
      <CommentsPanel
        comments={[comment('shared', 1, 'u2')]}
        viewer={null}
        playheadSec={0}
        durationSec={30}
        onSeek={vi.fn()}
      />,
    );
    expect(screen.getByText('says shared')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Resolve|Delete|Comment at/ })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('shows a comment body as text, never as markup', () => {
    render(
      <CommentsPanel
        comments={[comment('x', 1, 'u2', { body: '<img src=x onerror="alert(1)"> **bold**' })]}
        viewer={null}
        playheadSec={0}
        durationSec={30}
        onSeek={vi.fn()}
      />,
    );
    const body = screen.getByTestId('comment-body');
    expect(body.textContent).toBe('<img src=x onerror="alert(1)"> **bold**');
    expect(body.querySelector('img')).toBeNull();
  });
});
