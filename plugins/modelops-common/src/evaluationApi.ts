import { RunRef } from './api';
import {
  AccuracyResult,
  EvaluationSourceKind,
  GateResult,
  PerformanceLevel,
  Threshold,
} from './evaluation';

/** One place a version's numbers were read from. @public */
export interface EvaluationSource {
  source: EvaluationSourceKind;
  /** e.g. `Model Registry`, `run eval-mistral-24b-quantized-f4h8s`. */
  label: string;
  /** When it was measured or last written (ISO). */
  at?: string;
  /** The evaluation PipelineRun, for run sources. */
  run?: RunRef;
  /** Whether the run published its numbers to the registry (run sources). */
  status?: string;
  recognized: boolean;
  problems: string[];
  /** Metrics this source gave. */
  metrics: Record<string, number>;
}

/** The evaluation of one model version: its numbers, where they came from, and its gate. @public */
export interface VersionEvaluation {
  versionName: string;
  versionId?: string;
  /** Catalog entity of the version, when known. */
  entityRef?: string;
  createdAt?: string;
  state?: string;
  /** The numbers the gate judges: the registry's, else the newest evaluation run's. */
  metrics: Record<string, number>;
  accuracy: AccuracyResult[];
  performance: PerformanceLevel[];
  sources: EvaluationSource[];
  gate: GateResult;
}

/** `GET /evaluations?entityRef=` of the ModelOps backend: every version of a model. @public */
export interface EvaluationResponse {
  model: { name: string; entityRef?: string; registry?: string };
  /** The version the entity is (for a version entity). */
  focus?: string;
  thresholds: Threshold[];
  /** Where the thresholds came from: `annotation` (entity), `config` (per model or default), `none`. */
  thresholdsSource: 'annotation' | 'config' | 'none';
  /** The threshold text as written, and what in it could not be read. */
  thresholdsText?: string;
  thresholdProblems: string[];
  /** Oldest first (the trend's order). */
  versions: VersionEvaluation[];
  /** Set when the registry could not be read; versions then come from evaluation runs only. */
  registryError?: string;
}

/** `POST /evaluations/publish` answer. @public */
export interface PublishEvaluationResponse {
  versionId: string;
  versionName: string;
  /** Custom property keys written. */
  published: string[];
  /** Values left out, and why. */
  problems: string[];
}

/** Annotation with evaluation thresholds on a model or version entity, e.g. `mmlu>=75, ttft_p90<=300`. @public */
export const ANNOTATION_EVALUATION_THRESHOLDS =
  'modelops.io/evaluation-thresholds';
