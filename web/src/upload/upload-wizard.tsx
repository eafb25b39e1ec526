'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { PutProgress } from '../api/put-to-storage.ts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { formatBytes } from '@mixscope/present';
import { GENRE_OPTIONS } from '../lib/genre-profiles.ts';
import { DEFAULT_PLATFORMS, PLATFORM_OPTIONS } from '../lib/platform-options.ts';
import { checkFile, COMMON_FORMATS_TEXT } from '../lib/upload-rules.ts';
import { DropZone } from './drop-zone.tsx';
import { sendFile } from './send-file.ts';
import { useUploadLimits } from './use-upload-limits.ts';

type Step = 1 | 2 | 3;
const STEP_NAMES = ['Mix', 'Reference (optional)', 'Genre & platforms'];

interface Sending {
  label: string;
  progress: PutProgress;
}

/** The three-step upload: the mix, an optional reference, then genre profile and target platforms. */
export function UploadWizard({
  projectId,
  onCancel,
}: {
  projectId: string;
  onCancel?: () => void;
}) {
  const router = useRouter();
  const [step, setStep] = useState<Step>(1);
  const [mix, setMix] = useState<File | null>(null);
  const [mixProblem, setMixProblem] = useState<string | null>(null);
  const [reference, setReference] = useState<File | null>(null);
  const [referenceProblem, setReferenceProblem] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [genre, setGenre] = useState('auto');
  const [targets, setTargets] = useState<string[]>(DEFAULT_PLATFORMS);
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const { limits, whenKnown: limitsKnown } = useUploadLimits();

  const pick = async (file: File | null, which: 'mix' | 'reference') => {
    const setFile = which === 'mix' ? setMix : setReference;
    const setProblem = which === 'mix' ? setMixProblem : setReferenceProblem;
    setError(null);
    if (!file) {
      setFile(null);
      setProblem(null);
      return;
    }
    const problem = await checkFile(file, (await limitsKnown())?.maxUploadBytes ?? null);
    setProblem(problem?.message ?? null);
    setFile(problem ? null : file);
    if (!problem && which === 'mix' && !title) setTitle(file.name.replace(/\.[^.]+$/, ''));
  };

  const toggleTarget = (id: string) =>
    setTargets((current) =>
      current.includes(id) ? current.filter((t) => t !== id) : [...current, id],
    );

  const start = async () => {
    if (!mix) return;
    setError(null);
    abort.current = new AbortController();
    try {
      setSending({ label: mix.name, progress: { loaded: 0, total: mix.size } });
      const uploadId = await sendFile(
        projectId,
        mix,
        (progress) => setSending({ label: mix.name, progress }),
        abort.current.signal,
      );
      let referenceUploadId: string | undefined;
      if (reference) {
        setSending({ label: reference.name, progress: { loaded: 0, total: reference.size } });
        referenceUploadId = await sendFile(
          projectId,
          reference,
          (progress) => setSending({ label: reference.name, progress }),
          abort.current.signal,
        );
      }
      const created = await api.createAnalysis(projectId, {
        uploadId,
        ...(referenceUploadId ? { referenceUploadId } : {}),
        ...(genre !== 'auto' ? { genre } : {}),
        targets,
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      router.push(`/analyses/${created.analysisId}`);
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
            label="Drop your mix here, or click to choose"
            hint={
              limits
                ? `${COMMON_FORMATS_TEXT}, up to ${formatBytes(limits.maxUploadBytes)}`
                : COMMON_FORMATS_TEXT
            }
            file={mix}
            problem={mixProblem}
            onFile={(file) => void pick(file, 'mix')}
            testId="mix-input"
          />
          <label className="field">
            <span>Title of this revision</span>
            <input
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              placeholder="e.g. Final mix v3"
              maxLength={200}
            />
          </label>
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
            onFile={(file) => void pick(file, 'reference')}
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
            Mix: {mix?.name ?? '—'}
            {reference ? ` · reference: ${reference.name}` : ' · no reference'}
          </p>
        </div>
      ) : null}

      {sending ? (
        <div className="upload-progress" aria-live="polite">
          <div className="panel-head">
            <span>Uploading {sending.label}</span>
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
              disabled={step === 1 && !mix}
              onClick={() => setStep((step + 1) as Step)}
            >
              Next
            </button>
          ) : null}
          {step === 3 ? (
            <button
              className="button primary"
              disabled={!mix || !!sending}
              onClick={() => void start()}
            >
              {sending ? 'Uploading…' : 'Start analysis'}
            </button>
          ) : null}
        </div>
      </div>
    </section>
  );
}
