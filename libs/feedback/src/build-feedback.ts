import type { AnalysisResult, Feedback } from '@mixscope/contracts';
import type { FeedbackOptions } from './feedback-options.ts';
import { groundingFacts } from './llm/grounding.ts';
import { DEFAULT_MODEL, requestReport } from './llm/groq-report.ts';
import { buildPrompt } from './llm/prompt.ts';
import { buildRulesReport } from './report/rules-report.ts';
import { evaluateRules } from './rules/run-rules.ts';

export const NO_API_KEY_REASON = 'GROQ_API_KEY is not set, so no LLM was asked';

/**
 * Findings from the rules engine plus a written report: the LLM's when the caller passes a Groq
 * key and the answer passes validation and grounding, otherwise the rules report, saying why.
 */
export async function buildFeedback(
  result: AnalysisResult,
  options: FeedbackOptions = {},
): Promise<Feedback> {
  const { findings, selected, platforms } = evaluateRules(result, options);
  const apiKey = options.groq?.apiKey;
  const rulesFeedback = (reason: string): Feedback => ({
    source: 'rules',
    findings,
    report: buildRulesReport(result, findings, selected, reason),
    profile: selected.choice,
    fallbackReason: reason,
  });

  if (!apiKey) return { ...rulesFeedback(NO_API_KEY_REASON), attempts: 0 };

  const outcome = await requestReport({
    apiKey,
    messages: buildPrompt({ result, selected, platforms, findings }),
    facts: groundingFacts(result, platforms),
    moves: findings.flatMap((finding) => (finding.move ? [finding.move] : [])),
    hasReference: result.comparison !== undefined,
    options: options.groq ?? {},
  });
  const measuredCall = {
    ...(outcome.usage ? { usage: outcome.usage } : {}),
    latencyMs: outcome.latencyMs,
    attempts: outcome.attempts,
  };
  if (outcome.ok) {
    return {
      source: 'llm',
      model: outcome.model,
      findings,
      report: outcome.report,
      profile: selected.choice,
      ...(outcome.notes.length > 0 ? { notes: outcome.notes } : {}),
      ...measuredCall,
    };
  }
  const reason = `the LLM (${options.groq?.model ?? DEFAULT_MODEL}) gave no usable report: ${outcome.reason}`;
  return { ...rulesFeedback(reason), ...measuredCall };
}
