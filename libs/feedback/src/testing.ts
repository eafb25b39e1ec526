export * from './test-support/fake-groq.ts';
export * from './test-support/llm-replies.ts';
