export * from './requirement.ts';
