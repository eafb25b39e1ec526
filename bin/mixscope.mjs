#!/usr/bin/env node
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.mjs', import.meta.url);
if (!existsSync(main)) {
  console.error('mixscope: the command is not built; run `npm run build` in the repository.');
  process.exit(1);
}
await import(main.href);
