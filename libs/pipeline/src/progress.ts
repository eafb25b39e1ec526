/** The progress rule alone: pure, no database or queue imports, safe for the CLI and the browser. */
export * from './progress/overall-progress.ts';
