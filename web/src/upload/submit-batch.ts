/**
 * Sends the wizard's mixes as one submission: creates the new projects asked for, uploads each
 * mix (and the reference once into each project that needs it) straight to storage, then queues
 * every analysis with one POST /api/analyses/batch. Uploads already sent are remembered, so a
 * retry after a refused batch does not send the bytes again.
 */
import type { BatchAnalysisItem, BatchAnalysisResponse } from '@mixscope/contracts';
import type { PutProgress } from '../api/put-to-storage.ts';
import { api } from '../api/endpoints.ts';
import type { MixEntry } from './mix-entries.ts';
import { sendFile } from './send-file.ts';

export interface BatchSettings {
  currentProjectId: string;
  teamId: string;
  reference: File | null;
  genre: string | null;
  /** A team target profile instead of a genre. */
  profileId?: string;
  targets: string[];
}

export interface SendingState {
  label: string;
  /** 1-based position among the files to send, and how many there are. */
  index: number;
  count: number;
  progress: PutProgress;
}

/** Upload ids (and new project ids) by what was sent, kept across retries of one wizard. */
export type SentCache = Map<string, string>;

export async function submitBatch(
  entries: readonly MixEntry[],
  settings: BatchSettings,
  sent: SentCache,
  onSending: (state: SendingState) => void,
  signal?: AbortSignal,
): Promise<BatchAnalysisResponse> {
  const projectOf = new Map<string, string>();
  for (const entry of entries) {
    if (entry.destination === 'revision') {
      projectOf.set(entry.key, settings.currentProjectId);
      continue;
    }
    const name = entry.projectName.trim() || entry.title.trim() || entry.file.name;
    const cacheKey = `project:${entry.key}:${name}`;
    let projectId = sent.get(cacheKey);
    if (!projectId) {
      projectId = (await api.createProject(settings.teamId, name)).id;
      sent.set(cacheKey, projectId);
    }
    projectOf.set(entry.key, projectId);
  }

  const referenceProjects = settings.reference ? [...new Set(projectOf.values())] : [];
  const count = entries.length + referenceProjects.length;
  let index = 0;
  const upload = async (file: File, projectId: string, cacheKey: string) => {
    index += 1;
    const known = sent.get(cacheKey);
    if (known) return known;
    const position = index;
    onSending({
      label: file.name,
      index: position,
      count,
      progress: { loaded: 0, total: file.size },
    });
    const uploadId = await sendFile(
      projectId,
      file,
      (progress) => onSending({ label: file.name, index: position, count, progress }),
      signal,
    );
    sent.set(cacheKey, uploadId);
    return uploadId;
  };

  const uploads = new Map<string, string>();
  for (const entry of entries) {
    const projectId = projectOf.get(entry.key)!;
    uploads.set(entry.key, await upload(entry.file, projectId, fileKey(entry.file, projectId)));
  }
  const references = new Map<string, string>();
  if (settings.reference) {
    for (const projectId of referenceProjects) {
      references.set(
        projectId,
        await upload(settings.reference, projectId, fileKey(settings.reference, projectId)),
      );
    }
  }

  const items: BatchAnalysisItem[] = entries.map((entry) => {
    const projectId = projectOf.get(entry.key)!;
    const referenceUploadId = references.get(projectId);
    return {
      projectId,
      uploadId: uploads.get(entry.key)!,
      ...(referenceUploadId ? { referenceUploadId } : {}),
      ...(settings.genre ? { genre: settings.genre } : {}),
      ...(settings.profileId ? { profileId: settings.profileId } : {}),
      targets: settings.targets,
      ...(entry.title.trim() ? { title: entry.title.trim() } : {}),
    };
  });
  return api.createBatch({ items });
}

/** One upload per file and project; a replaced file is a different File and is sent again. */
const fileIds = new WeakMap<File, number>();
let lastFileId = 0;
function fileKey(file: File, projectId: string): string {
  let id = fileIds.get(file);
  if (id === undefined) {
    id = ++lastFileId;
    fileIds.set(file, id);
  }
  return `upload:${projectId}:${id}`;
}
