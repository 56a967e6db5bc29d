import { Diagnosis, PipelineRunSummary } from '../tekton/types';
import { interpretPipelineRun } from '../tekton/interpretPipelineRun';
import { StageMap } from '../tekton/stageMap';
import { LogsByStep } from '../tekton/taskLogs';
import { DiagnosisContext, DiagnosisRule, RuleMatch } from './types';
import { buildDiagnosisFacts } from './facts';
import { defaultDiagnosisRules } from './defaultDiagnosisRules';
import { unknownDiagnosis } from './unknownDiagnosis';
import { compact, MAX_EVIDENCE } from './matchers';

function text(value: DiagnosisRule['title'], match: RuleMatch): string {
  return typeof value === 'function' ? value(match) : value;
}

/**
 * Diagnoses an interpreted run: the first rule that finds evidence gives the cause and
 * the fix; a failed run no rule explains gets code `unknown` with the raw facts.
 * Healthy succeeded runs, and running runs that are not already failing, give undefined.
 * @public
 */
export function diagnoseSummary(
  summary: PipelineRunSummary,
  context: DiagnosisContext = {},
): Diagnosis | undefined {
  const facts = buildDiagnosisFacts(summary, context);
  const rules = [
    ...(context.extraRules ?? []),
    ...(context.rules ?? defaultDiagnosisRules),
  ];
  for (const rule of rules) {
    if (rule.appliesTo !== 'any' && !facts.failing) {
      continue;
    }
    let evidence;
    try {
      evidence = rule.match(facts);
    } catch (error) {
      // A faulty rule (typically an extension's) must not hide the others' answer.
      if (!context.onRuleError) {
        throw error;
      }
      context.onRuleError(rule, error);
      continue;
    }
    if (!evidence || evidence.length === 0) {
      continue;
    }
    const bounded = evidence.slice(0, MAX_EVIDENCE).map(compact);
    const match: RuleMatch = { facts, evidence: bounded };
    return {
      code: rule.code,
      title: text(rule.title, match),
      explanation: text(rule.explanation, match),
      remediation: text(rule.remediation, match),
      evidence: bounded,
      source: rule.source ?? 'built-in',
      ...(rule.link ? { link: rule.link } : {}),
    };
  }
  return facts.failing
    ? { ...unknownDiagnosis(facts), source: 'built-in' }
    : undefined;
}

/** Context of `diagnosePipelineRun`. @public */
export interface DiagnosePipelineRunContext extends DiagnosisContext {
  /** Logs keyed `${taskRunOrPodName}/${stepOrContainer}`. */
  logs?: LogsByStep;
  /** The run's summary, when the caller already interpreted it. */
  summary?: PipelineRunSummary;
  /** Cluster name for the summary built here. */
  cluster?: string;
  stageMap?: StageMap;
}

/**
 * Interprets a PipelineRun with its TaskRuns and pods (unless `context.summary` is given)
 * and diagnoses it. Never throws on objects it did not write.
 * @public
 */
export function diagnosePipelineRun(
  pipelineRun: unknown,
  taskRuns: unknown[],
  pods?: unknown[],
  context: DiagnosePipelineRunContext = {},
): Diagnosis | undefined {
  const summary =
    context.summary ??
    interpretPipelineRun(pipelineRun, taskRuns, {
      cluster: context.cluster ?? '',
      pods,
      stageMap: context.stageMap,
    });
  return diagnoseSummary(summary, { ...context, pods });
}
