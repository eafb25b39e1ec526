import { warmUpDecoder } from '@mixscope/measure';

// Loaded by bin/mixscope.mjs before the command itself: ffmpeg's capability check then runs
// while the rest of the command loads instead of on the decoder's critical path.
warmUpDecoder();
