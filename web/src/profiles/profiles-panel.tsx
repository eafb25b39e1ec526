'use client';

import { useState } from 'react';
import { formatDate, formatNumber } from '@mixscope/present';
import { TARGET_PROFILE_MIN_REFERENCES } from '@mixscope/contracts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { useCan } from '../session/use-can.ts';
import { useTeamProfiles } from './use-team-profiles.ts';

export interface ProfileCandidate {
  id: string;
  name: string;
}

/**
 * The team's target profiles: built from completed analyses picked here, listed for everyone,
 * created and deleted only by roles that may manage them.
 */
export function ProfilesPanel({
  teamId,
  candidates,
}: {
  teamId: string;
  /** Completed analyses that may become references. */
  candidates: readonly ProfileCandidate[];
}) {
  const { profiles, error: loadError, reload } = useTeamProfiles(teamId);
  const canManage = useCan('manageProfiles', teamId);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (id: string) =>
    setPicked((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current, id],
    );
  const enough = picked.length >= TARGET_PROFILE_MIN_REFERENCES && name.trim() !== '';

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await reload();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    run(async () => {
      await api.createProfile(teamId, { name: name.trim(), analysisIds: picked });
      setName('');
      setPicked([]);
    });

  return (
    <section className="panel" aria-label="Target profiles">
      <h3>Target profiles</h3>
      <p className="muted small">
        A profile is the mean and spread of reference analyses of your own; pick it instead of a
        genre when you start an analysis.
      </p>
      {profiles.length === 0 ? (
        <p className="muted">No target profiles yet.</p>
      ) : (
        <ul className="bullets">
          {profiles.map((profile) => (
            <li key={profile.id}>
              <b>{profile.name}</b>{' '}
              <span className="muted small">
                from {profile.profile.basis.referenceCount} references (
                {profile.profile.basis.references.join(', ')}) · integrated{' '}
                {`${formatNumber(profile.profile.integratedLufs.mean)} ± ${formatNumber(profile.profile.integratedLufs.sd)} LUFS (mean ± sd)`}{' '}
                · by {profile.createdBy.name}, {formatDate(profile.createdAt)}
              </span>{' '}
              {canManage ? (
                <button
                  className="button ghost small"
                  disabled={busy}
                  aria-label={`Delete ${profile.name}`}
                  onClick={() => void run(() => api.deleteProfile(profile.id))}
                >
                  Delete
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <form
          className="profile-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (enough) void create();
          }}
        >
          <fieldset className="field">
            <legend>
              References (at least {TARGET_PROFILE_MIN_REFERENCES} completed analyses)
            </legend>
            {candidates.length === 0 ? (
              <p className="muted small">No completed analyses in this project yet.</p>
            ) : (
              candidates.map((candidate) => (
                <label key={candidate.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={picked.includes(candidate.id)}
                    onChange={() => toggle(candidate.id)}
                  />
                  {candidate.name}
                </label>
              ))
            )}
          </fieldset>
          <label className="field">
            <span>Profile name</span>
            <input
              value={name}
              maxLength={80}
              onChange={(event) => setName(event.target.value)}
              aria-label="Profile name"
            />
          </label>
          <button className="button" type="submit" disabled={busy || !enough}>
            Create profile from {picked.length} analyses
          </button>
        </form>
      ) : null}
      {error || loadError ? (
        <p className="form-error" role="alert">
          {error ?? loadError}
        </p>
      ) : null}
    </section>
  );
}
