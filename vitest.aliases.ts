import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The workspace's package faces, read from tsconfig.base.json's `paths`: one list for every tool. */
export function workspaceAliases(): { find: string; replacement: string }[] {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const config = JSON.parse(readFileSync(`${root}tsconfig.base.json`, 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  // Longest first, so '@mixscope/feedback/testing' is not taken for '@mixscope/feedback'.
  return Object.entries(config.compilerOptions.paths)
    .sort(([a], [b]) => b.length - a.length)
    .map(([find, [target]]) => ({ find, replacement: `${root}${target}` }));
}
