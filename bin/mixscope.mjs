#!/usr/bin/env node
// ffmpeg's one-off capability check runs while the command loads, not on the decoder's path.
void import('../dist/cli/decoder-warm-up.mjs');
await import('../dist/cli/main.mjs');
