'use client';

import { useRef } from 'react';
import { formatBytes } from '@mixscope/present';
import type { Destination, MixEntry } from './mix-entries.ts';

/** The picked mixes: each one's title, where it goes, and a way to replace or drop its file. */
export function MixList({
  entries,
  projectName,
  canCreateProjects,
  onReplace,
  onTitle,
  onDestination,
  onProjectName,
  onRemove,
  onAllDestinations,
}: {
  entries: readonly MixEntry[];
  projectName: string;
  canCreateProjects: boolean;
  onReplace: (key: string, file: File) => void;
  onTitle: (key: string, title: string) => void;
  onDestination: (key: string, destination: Destination) => void;
  onProjectName: (key: string, name: string) => void;
  onRemove: (key: string) => void;
  onAllDestinations: (destination: Destination) => void;
}) {
  if (entries.length === 0) return null;
  const all = entries.every((entry) => entry.destination === entries[0].destination)
    ? entries[0].destination
    : 'mixed';
  return (
    <>
      {canCreateProjects && entries.length > 1 ? (
        <label className="field">
          <span>Every mix goes into</span>
          <select
            value={all}
            onChange={(event) => onAllDestinations(event.target.value as Destination)}
          >
            {all === 'mixed' ? <option value="mixed">As chosen below</option> : null}
            <option value="revision">New revisions of {projectName}</option>
            <option value="new-project">A new project each</option>
          </select>
        </label>
      ) : null}
      <ol className="mix-list" aria-label="Mixes to analyse">
        {entries.map((entry, i) => (
          <MixRow
            key={entry.key}
            entry={entry}
            position={i + 1}
            projectName={projectName}
            canCreateProjects={canCreateProjects}
            onReplace={(file) => onReplace(entry.key, file)}
            onTitle={(title) => onTitle(entry.key, title)}
            onDestination={(destination) => onDestination(entry.key, destination)}
            onProjectName={(name) => onProjectName(entry.key, name)}
            onRemove={() => onRemove(entry.key)}
          />
        ))}
      </ol>
    </>
  );
}

function MixRow({
  entry,
  position,
  projectName,
  canCreateProjects,
  onReplace,
  onTitle,
  onDestination,
  onProjectName,
  onRemove,
}: {
  entry: MixEntry;
  position: number;
  projectName: string;
  canCreateProjects: boolean;
  onReplace: (file: File) => void;
  onTitle: (title: string) => void;
  onDestination: (destination: Destination) => void;
  onProjectName: (name: string) => void;
  onRemove: () => void;
}) {
  const replaceInput = useRef<HTMLInputElement>(null);
  return (
    <li className="mix-row" data-testid={`mix-${position}`}>
      <div className="mix-file">
        <strong className="break-anywhere">{entry.file.name}</strong>
        <span className="muted small">{formatBytes(entry.file.size)}</span>
        <span className="actions-row">
          <button
            type="button"
            className="button ghost small"
            onClick={() => replaceInput.current?.click()}
          >
            Replace
          </button>
          <button type="button" className="button ghost small" onClick={onRemove}>
            Remove
          </button>
        </span>
        <input
          ref={replaceInput}
          type="file"
          accept="audio/*"
          hidden
          data-testid={`replace-input-${position}`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onReplace(file);
          }}
        />
      </div>
      <label className="field">
        <span>Title of mix {position}</span>
        <input
          value={entry.title}
          onChange={(event) => onTitle(event.target.value)}
          placeholder="e.g. Final mix v3"
          maxLength={200}
        />
      </label>
      {canCreateProjects ? (
        <label className="field">
          <span>Mix {position} goes into</span>
          <select
            value={entry.destination}
            onChange={(event) => onDestination(event.target.value as Destination)}
          >
            <option value="revision">A new revision of {projectName}</option>
            <option value="new-project">A new project of its own</option>
          </select>
        </label>
      ) : null}
      {entry.destination === 'new-project' ? (
        <label className="field">
          <span>Name of the new project for mix {position}</span>
          <input
            value={entry.projectName}
            onChange={(event) => onProjectName(event.target.value)}
            maxLength={120}
          />
        </label>
      ) : null}
    </li>
  );
}
