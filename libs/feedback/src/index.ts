export { buildFeedback, NO_API_KEY_REASON } from './build-feedback.ts';
export { runRules, evaluateRules, selectPlatforms } from './rules/run-rules.ts';
export { GENRE_PROFILES, findProfile, type GenreProfile } from './profiles/genre-profiles.ts';
export { pickProfileAutomatically } from './profiles/auto-genre.ts';
export { selectProfile, selectTargetProfile } from './profiles/select-profile.ts';
export {
  buildTargetProfile,
  describeTargetProfile,
  type ReferenceAnalysis,
  type TargetProfileOptions,
} from './profiles/target-profile.ts';
export { buildRulesReport } from './report/rules-report.ts';
export { validateReport, type ReportCheck } from './report/validate-report.ts';
export { buildPrompt } from './llm/prompt.ts';
export { checkGrounding, groundingFacts } from './llm/grounding.ts';
export { DEFAULT_MODEL, GROQ_DEFAULTS } from './llm/groq-report.ts';
export { FeedbackError, type FeedbackErrorCode } from './errors.ts';
export type * from './feedback-options.ts';
/** The report's types belong to the contract; re-exported for the callers of buildFeedback. */
export type {
  Feedback,
  Finding,
  FindingArea,
  FindingTarget,
  ProcessingSetting,
  ProcessingStep,
  ProcessingType,
  ProfileChoice,
  Report,
  Severity,
  Suggestion,
  SuggestionPriority,
  TokenUsage,
} from '@mixscope/contracts';
