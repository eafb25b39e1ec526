'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Project } from '../api/api-types.ts';
import { api, projectsFrom } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { formatDate } from '@mixscope/present';
import { useSession } from '../session/session-context.tsx';
import { useCan } from '../session/use-can.ts';

export function ProjectsView() {
  const { team } = useSession();
  const canCreate = useCan('analyse');
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setProjects(projectsFrom(await api.listProjects(team.id)));
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [team.id]);

  useEffect(() => {
    setProjects(null);
    void load();
  }, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.createProject(team.id, name.trim());
      setName('');
      await load();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <header className="page-head">
        <div>
          <h1>Projects</h1>
          <p className="muted">Every mix of {team.name}, by project and revision.</p>
        </div>
      </header>
      {canCreate ? (
        <form className="panel inline-form" onSubmit={create}>
          <label className="field grow">
            <span>New project</span>
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder="e.g. Album — track 3"
              maxLength={120}
            />
          </label>
          <button className="button primary" type="submit" disabled={busy || !name.trim()}>
            Create project
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {projects === null ? (
        <p className="muted">Loading projects…</p>
      ) : projects.length === 0 ? (
        <p className="panel muted">No projects yet. Create one above, then upload a mix into it.</p>
      ) : (
        <ul className="project-grid">
          {projects.map((project) => (
            <li key={project.id}>
              <Link href={`/projects/${project.id}`} className="project-card">
                <strong>{project.name}</strong>
                <span className="muted small">created {formatDate(project.createdAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
