'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { BATCH_MAX_MIXES, type BatchAnalysisResponse } from '@mixscope/contracts';
import type { Project } from '../api/api-types.ts';
import { describeError } from '../lib/error-text.ts';
import { formatBytes } from '@mixscope/present';
import { GENRE_OPTIONS } from '../lib/genre-profiles.ts';
import { DEFAULT_PLATFORMS, PLATFORM_OPTIONS } from '../lib/platform-options.ts';
import { checkFile, COMMON_FORMATS_TEXT } from '../lib/upload-rules.ts';
import { requestedProfile } from '../profiles/profile-choice.ts';
import { TeamProfileOptions } from '../profiles/team-profile-options.tsx';
import { DropZone } from './drop-zone.tsx';
import {
  addMixes,
  removeMix,
  replaceMixFile,
  setAllDestinations,
  setMixDestination,
  setMixProjectName,
  setMixTitle,
  type MixEntry,
} from './mix-entries.ts';
import { MixList } from './mix-list.tsx';
import { submitBatch, type SendingState, type SentCache } from './submit-batch.ts';
import { useUploadLimits } from './use-upload-limits.ts';

type Step = 1 | 2 | 3;
const STEP_NAMES = ['Mixes', 'Reference (optional)', 'Genre & platforms'];

/**
 * The three-step upload: one or more mixes (each a new revision of this project or a project of
 * its own), an optional reference for all of them, then genre profile and target platforms.
 */
export function UploadWizard({
  project,
  onCancel,
  onQueued,
}: {
  project: Pick<Project, 'id' | 'teamId' | 'name'>;
  onCancel?: () => void;
  /** Called after a batch of several mixes is queued; a single mix opens its analysis instead. */
  onQueued?: (queued: BatchAnalysisResponse) => void;
}) {
  const router = useRouter();
  const [step, setStep] = useState<Step>(1);
  const [mixes, setMixes] = useState<MixEntry[]>([]);
  const [mixProblem, setMixProblem] = useState<string | null>(null);
  const [reference, setReference] = useState<File | null>(null);
  const [referenceProblem, setReferenceProblem] = useState<string | null>(null);
  const [genre, setGenre] = useState('auto');
  const [targets, setTargets] = useState<string[]>(DEFAULT_PLATFORMS);
  const [sending, setSending] = useState<SendingState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const sent = useRef<SentCache>(new Map());
  const { limits, whenKnown: limitsKnown } = useUploadLimits();

  /** The files that pass the checks, with the first refusal's reason. */
  const checked = async (files: File[]) => {
    const maxBytes = (await limitsKnown())?.maxUploadBytes ?? null;
    const problems = await Promise.all(files.map((file) => checkFile(file, maxBytes)));
    return {
      good: files.filter((_, i) => !problems[i]),
      problem: problems.find((problem) => problem)?.message ?? null,
    };
  };

  const addFiles = async (files: File[]) => {
    setError(null);
    const { good, problem } = await checked(files);
    const { entries, leftOut } = addMixes(mixes, good);
    setMixes(entries);
    setMixProblem(
      problem ??
        (leftOut > 0
          ? `One batch takes at most ${BATCH_MAX_MIXES} mixes; ${leftOut} ${leftOut === 1 ? 'was' : 'were'} left out.`
          : null),
    );
  };

  const replaceFile = async (key: string, file: File) => {
    setError(null);
    const { good, problem } = await checked([file]);
    setMixProblem(problem);
    if (good.length === 1) setMixes((current) => replaceMixFile(current, key, file));
  };

  const pickReference = async (file: File | null) => {
    setError(null);
    if (!file) {
      setReference(null);
      setReferenceProblem(null);
      return;
    }
    const { good, problem } = await checked([file]);
    setReferenceProblem(problem);
    setReference(good[0] ?? null);
  };

  const toggleTarget = (id: string) =>
    setTargets((current) =>
      current.includes(id) ? current.filter((t) => t !== id) : [...current, id],
    );

  const start = async () => {
    if (mixes.length === 0) return;
    setError(null);
    abort.current = new AbortController();
    try {
      const queued = await submitBatch(
        mixes,
        {
          currentProjectId: project.id,
          teamId: project.teamId,
          reference,
          ...requestedProfile(genre),
          targets,
        },
        sent.current,
        setSending,
        abort.current.signal,
      );
      if (queued.analyses.length === 1) {
        router.push(`/analyses/${queued.analyses[0].analysisId}`);
      } else {
        setSending(null);
        onQueued?.(queued);
      }
    } catch (caught) {
      setError(describeError(caught));
      setSending(null);
    }
  };

  const percent =
    sending && sending.progress.total > 0
      ? Math.round((sending.progress.loaded / sending.progress.total) * 100)
      : 0;

  return (
    <section className="panel wizard" aria-label="New analysis">
      <ol className="wizard-steps">
        {STEP_NAMES.map((name, i) => (
          <li key={name} className={step === i + 1 ? 'current' : step > i + 1 ? 'done' : ''}>
            <span>{i + 1}</span>
            {name}
          </li>
        ))}
      </ol>

      {step === 1 ? (
        <div className="wizard-body">
          <DropZone
            label={
              mixes.length === 0
                ? `Drop your mix here (or up to ${BATCH_MAX_MIXES} at once), or click to choose`
                : 'Drop more mixes here, or click to add'
            }
            hint={
              limits
                ? `${COMMON_FORMATS_TEXT}, up to ${formatBytes(limits.maxUploadBytes)}`
                : COMMON_FORMATS_TEXT
            }
            file={null}
            problem={mixProblem}
            multiple
            onFiles={(files) => void addFiles(files)}
            testId="mix-input"
          />
          <MixList
            entries={mixes}
            projectName={project.name}
            canCreateProjects={!!project.teamId}
            onReplace={(key, file) => void replaceFile(key, file)}
            onTitle={(key, title) => setMixes((current) => setMixTitle(current, key, title))}
            onDestination={(key, destination) =>
              setMixes((current) => setMixDestination(current, key, destination))
            }
            onProjectName={(key, name) =>
              setMixes((current) => setMixProjectName(current, key, name))
            }
            onRemove={(key) => setMixes((current) => removeMix(current, key))}
            onAllDestinations={(destination) =>
              setMixes((current) => setAllDestinations(current, destination))
            }
          />
        </div>
      ) : null}

      {step === 2 ? (
        <div className="wizard-body">
          <p className="muted">
            A commercial track you want this mix to sit next to. MixScope matches their loudness and
            compares tone, width and dynamics.
          </p>
          <DropZone
            label="Drop a reference track, or click to choose"
            hint="Optional — skip this step to analyse the mix alone"
            file={reference}
            problem={referenceProblem}
            onFile={(file) => void pickReference(file)}
            testId="reference-input"
          />
        </div>
      ) : null}

      {step === 3 ? (
        <div className="wizard-body">
          <label className="field">
            <span>Genre profile</span>
            <select
              value={genre}
              onChange={(event) => setGenre(event.target.value)}
              aria-label="Genre profile"
            >
              <option value="auto">Auto-detect from the measurements</option>
              {GENRE_OPTIONS.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
              <TeamProfileOptions teamId={project.teamId} />
            </select>
          </label>
          <fieldset className="field">
            <legend>Target platforms</legend>
            <div className="checkbox-grid">
              {PLATFORM_OPTIONS.map((platform) => (
                <label key={platform.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={targets.includes(platform.id)}
                    onChange={() => toggleTarget(platform.id)}
                  />
                  {platform.name}
                  <span className="muted small">
                    {platform.targetLufs === null
                      ? 'no normalisation'
                      : `${platform.targetLufs} LUFS`}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <p className="muted small">
            {mixes.length === 1 ? `Mix: ${mixes[0].file.name}` : `${mixes.length} mixes`}
            {reference ? ` · reference: ${reference.name}` : ' · no reference'}
          </p>
        </div>
      ) : null}

      {sending ? (
        <div className="upload-progress" aria-live="polite">
          <div className="panel-head">
            <span className="break-anywhere">
              Uploading {sending.label}
              {sending.count > 1 ? ` (${sending.index} of ${sending.count})` : ''}
            </span>
            <span data-testid="upload-percent">
              {formatBytes(sending.progress.loaded)} of {formatBytes(sending.progress.total)} ·{' '}
              {percent} %
            </span>
          </div>
          <div
            className="progress-track"
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
        </div>
      ) : null}

      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      <div className="wizard-nav">
        {onCancel ? (
          <button
            className="button ghost"
            onClick={() => {
              abort.current?.abort();
              onCancel();
            }}
          >
            Cancel
          </button>
        ) : (
          <span />
        )}
        <div className="actions-row">
          {step > 1 ? (
            <button
              className="button ghost"
              disabled={!!sending}
              onClick={() => setStep((step - 1) as Step)}
            >
              Back
            </button>
          ) : null}
          {step === 2 && !reference ? (
            <button className="button" onClick={() => setStep(3)}>
              Skip
            </button>
          ) : null}
          {step < 3 && !(step === 2 && !reference) ? (
            <button
              className="button primary"
              disabled={step === 1 && mixes.length === 0}
              onClick={() => setStep((step + 1) as Step)}
            >
              Next
            </button>
          ) : null}
          {step === 3 ? (
            <button
              className="button primary"
              disabled={mixes.length === 0 || !!sending}
              onClick={() => void start()}
            >
              {sending
                ? 'Uploading…'
                : mixes.length > 1
                  ? `Start ${mixes.length} analyses`
                  : 'Start analysis'}
            </button>
          ) : null}
        </div>
      </div>
    </section>
  );
}
