'use client';

import { useEffect, useMemo, useState } from 'react';
import type { Analysis, TrackName } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';
import { useSessionIfAny } from '../session/session-context.tsx';
import type { CommentViewer } from './comment-threads.ts';
import { CommentsPanel } from './comments-panel.tsx';
import { StudioPlayer, type StudioTrack } from './studio-player.tsx';
import type { CommentsState } from './use-comments.ts';

const TRACK_LABELS: Record<TrackName, string> = { mix: 'Mix', reference: 'Reference' };

/** The mix (and its reference, for A/B) of one analysis, as the player takes them. */
export function analysisTracks(analysis: Analysis): StudioTrack[] {
  const result = analysis.result;
  if (!result) return [];
  const sides: { name: TrackName; measured: typeof result }[] = [{ name: 'mix', measured: result }];
  if (result.reference) sides.push({ name: 'reference', measured: result.reference });
  return sides.map(({ name, measured }) => ({
    id: name,
    label: TRACK_LABELS[name],
    integratedLufs: measured.loudness.integratedLufs,
    durationSec: measured.file.durationSec,
    curves: measured.loudness.curves,
    issues: measured.issues,
    sections: measured.sections,
    loadAudioUrl: () => api.audioUrl(analysis.id, name),
    loadOverview: () => api.waveform(analysis.id, name),
    loadDetail: () => api.waveform(analysis.id, name, true),
  }));
}

/** The signed-in user and their role in the team the analysis belongs to. */
function useViewer(projectId: string): CommentViewer | null {
  const session = useSessionIfAny();
  const [teamId, setTeamId] = useState<string | null>(null);
  useEffect(() => {
    if (!session) return;
    let live = true;
    api.getProject(projectId).then(
      (project) => live && setTeamId(project.teamId),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [projectId, session]);
  const team = session?.me.teams.find((candidate) => candidate.id === teamId);
  return session && team ? { userId: session.me.user.id, role: team.role } : null;
}

/** The player of an analysis with its comments beside it. */
export function AnalysisStudio({
  analysis,
  comments,
}: {
  analysis: Analysis;
  comments: CommentsState;
}) {
  const tracks = useMemo(() => analysisTracks(analysis), [analysis.id, analysis.result]);
  const viewer = useViewer(analysis.projectId);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const markers = useMemo(
    () =>
      comments.comments
        .filter((comment) => comment.parentId === null)
        .map((comment) => ({
          id: comment.id,
          atSec: comment.atSec,
          endSec: comment.endSec,
          resolved: comment.resolved,
          label: `${comment.author.name}: ${comment.body.slice(0, 80)}`,
        })),
    [comments.comments],
  );
  if (tracks.length === 0) return null;
  // Comments belong to the mix: their times lie within its duration.
  const durationSec = tracks[0].durationSec ?? 0;
  return (
    <StudioPlayer
      tracks={tracks}
      commentMarkers={markers}
      onCommentMarker={setFocusedId}
      aside={(player) => (
        <CommentsPanel
          comments={comments.comments}
          viewer={viewer}
          actions={comments}
          playheadSec={player.currentTime}
          durationSec={durationSec}
          onSeek={player.seek}
          focusedId={focusedId}
          error={comments.error}
          note={comments.liveNote}
          live={comments.live}
        />
      )}
    />
  );
}
