/**
 * The mixes picked in the upload wizard and the rules of editing them. A title follows its file
 * until the user types one: replacing the file renames an untouched title, never a typed one.
 * The same goes for the name of a new project, which follows the title.
 */
import { BATCH_MAX_MIXES } from '@mixscope/contracts';

export type Destination = 'revision' | 'new-project';

export interface MixEntry {
  key: string;
  file: File;
  title: string;
  titleTyped: boolean;
  destination: Destination;
  projectName: string;
  projectNameTyped: boolean;
}

export function titleFromFileName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').trim();
}

let lastKey = 0;
const nextKey = () => `mix-${++lastKey}`;

function entryFor(file: File): MixEntry {
  const title = titleFromFileName(file.name);
  return {
    key: nextKey(),
    file,
    title,
    titleTyped: false,
    destination: 'revision',
    projectName: title,
    projectNameTyped: false,
  };
}

/** Adds files up to the batch limit; `leftOut` counts the ones past it. */
export function addMixes(
  entries: readonly MixEntry[],
  files: readonly File[],
): { entries: MixEntry[]; leftOut: number } {
  const room = Math.max(0, BATCH_MAX_MIXES - entries.length);
  return {
    entries: [...entries, ...files.slice(0, room).map(entryFor)],
    leftOut: Math.max(0, files.length - room),
  };
}

export function replaceMixFile(entries: readonly MixEntry[], key: string, file: File): MixEntry[] {
  return update(entries, key, (entry) => {
    const title = entry.titleTyped ? entry.title : titleFromFileName(file.name);
    return {
      ...entry,
      file,
      title,
      projectName: entry.projectNameTyped ? entry.projectName : title,
    };
  });
}

export function setMixTitle(entries: readonly MixEntry[], key: string, title: string): MixEntry[] {
  return update(entries, key, (entry) => ({
    ...entry,
    title,
    titleTyped: true,
    projectName: entry.projectNameTyped ? entry.projectName : title,
  }));
}

export function setMixDestination(
  entries: readonly MixEntry[],
  key: string,
  destination: Destination,
): MixEntry[] {
  return update(entries, key, (entry) => ({ ...entry, destination }));
}

/** One choice for every mix: an album of new projects, or all revisions of this one. */
export function setAllDestinations(
  entries: readonly MixEntry[],
  destination: Destination,
): MixEntry[] {
  return entries.map((entry) => ({ ...entry, destination }));
}

export function setMixProjectName(
  entries: readonly MixEntry[],
  key: string,
  projectName: string,
): MixEntry[] {
  return update(entries, key, (entry) => ({ ...entry, projectName, projectNameTyped: true }));
}

export function removeMix(entries: readonly MixEntry[], key: string): MixEntry[] {
  return entries.filter((entry) => entry.key !== key);
}

function update(
  entries: readonly MixEntry[],
  key: string,
  change: (entry: MixEntry) => MixEntry,
): MixEntry[] {
  return entries.map((entry) => (entry.key === key ? change(entry) : entry));
}
