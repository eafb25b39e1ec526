'use client';

import { useRef, useState, type DragEvent } from 'react';
import { AUDIO_FORMATS } from '@mixscope/contracts';
import { formatBytes } from '@mixscope/present';

/** What the file picker offers: audio of any type, and every accepted format by extension. */
const ACCEPT = [
  'audio/*',
  ...AUDIO_FORMATS.flatMap((format) => format.extensions.map((extension) => `.${extension}`)),
].join(',');

export interface DropZoneProps {
  label: string;
  hint: string;
  file: File | null;
  problem: string | null;
  /** One file, or every file at once with `multiple`. */
  onFile?: (file: File | null) => void;
  multiple?: boolean;
  onFiles?: (files: File[]) => void;
  testId: string;
}

/** Drag and drop, or click to pick, one audio file (or several with `multiple`). */
export function DropZone({
  label,
  hint,
  file,
  problem,
  onFile,
  multiple = false,
  onFiles,
  testId,
}: DropZoneProps) {
  const take = (files: FileList | null | undefined) => {
    const list = files ? [...files] : [];
    if (multiple) {
      if (list.length > 0) onFiles?.(list);
    } else onFile?.(list[0] ?? null);
  };
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (event.dataTransfer.files?.length) take(event.dataTransfer.files);
  };
  return (
    <div>
      <div
        className={`drop-zone${over ? ' over' : ''}${problem ? ' invalid' : ''}${file ? ' has-file' : ''}`}
        role="button"
        tabIndex={0}
        aria-label={label}
        onClick={() => input.current?.click()}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') input.current?.click();
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          multiple={multiple}
          hidden
          data-testid={testId}
          onChange={(event) => {
            take(event.target.files);
            // The same file picked again must still count as a change.
            if (multiple) event.target.value = '';
          }}
        />
        {file ? (
          <>
            <strong>{file.name}</strong>
            <span className="muted">{formatBytes(file.size)} · click or drop to replace</span>
          </>
        ) : (
          <>
            <strong>{label}</strong>
            <span className="muted">{hint}</span>
          </>
        )}
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
