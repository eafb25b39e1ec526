export * from './report/text-report.ts';
export * from './report/markdown-report.ts';
export * from './format/feedback-format.ts';
