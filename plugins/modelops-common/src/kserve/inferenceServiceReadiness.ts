/**
 * KServe deployment modes. The mode is the `serving.kserve.io/deploymentMode` annotation
 * (newer KServe also writes `status.deploymentMode`); without either it is Serverless, the
 * KServe default. @public
 */
export type KServeDeploymentMode = 'Serverless' | 'RawDeployment' | 'ModelMesh';

/** The readiness of one InferenceService. @public */
export interface InferenceServiceReadiness {
  mode: KServeDeploymentMode;
  /** `ready` only when every condition the mode requires is True and a URL is set. */
  state: 'ready' | 'not-ready' | 'unknown';
  url?: string;
  /** Why it is not ready (failing conditions, the ModelMesh model state and failure), or empty. */
  reasons: string[];
}

/** Annotation on InferenceServices that selects the deployment mode. @public */
export const KSERVE_DEPLOYMENT_MODE_ANNOTATION =
  'serving.kserve.io/deploymentMode';

/**
 * Conditions each mode must report True. ModelMesh never sets IngressReady (its endpoints are
 * the shared modelmesh-serving Service); RawDeployment sets it only when KServe created an
 * ingress, so there it counts when present.
 * @public
 */
export const REQUIRED_READY_CONDITIONS: Record<
  KServeDeploymentMode,
  readonly string[]
> = {
  Serverless: ['IngressReady', 'PredictorReady', 'Ready'],
  RawDeployment: ['PredictorReady', 'Ready'],
  ModelMesh: ['PredictorReady', 'Ready'],
};

type Condition = {
  type?: unknown;
  status?: unknown;
  reason?: unknown;
  message?: unknown;
};

const isRecord = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v : undefined;

function modeOf(object: Record<string, any>): KServeDeploymentMode {
  const raw =
    text(object.metadata?.annotations?.[KSERVE_DEPLOYMENT_MODE_ANNOTATION]) ??
    text(object.status?.deploymentMode);
  if (raw === 'RawDeployment' || raw === 'Standard') return 'RawDeployment';
  if (raw === 'ModelMesh') return 'ModelMesh';
  return 'Serverless';
}

function urlOf(status: Record<string, any>): string | undefined {
  const predictor = isRecord(status.components?.predictor)
    ? status.components.predictor
    : {};
  return (
    text(status.url) ??
    text(status.address?.url) ??
    text(predictor.url) ??
    text(predictor.restUrl) ??
    text(predictor.grpcUrl)
  );
}

function describe(c: Condition & { type: string }): string {
  const reason = text(c.reason);
  const message = text(c.message);
  return `${c.type}${reason ? ` (${reason})` : ''}${
    message ? `: ${message}` : ''
  }`;
}

/** The cause ModelMesh gives in `status.modelStatus`, or nothing when the model is fine. */
function modelMeshCause(status: Record<string, any>): string[] {
  const model = isRecord(status.modelStatus) ? status.modelStatus : undefined;
  if (!model) return [];
  const causes: string[] = [];
  const states = isRecord(model.states) ? model.states : {};
  const active = text(states.activeModelState);
  const target = text(states.targetModelState);
  const transition = text(model.transitionStatus);
  if (active && active !== 'Loaded' && active !== 'Standby')
    causes.push(`model ${active}`);
  if (target && target !== active) causes.push(`target model ${target}`);
  if (transition && transition !== 'UpToDate')
    causes.push(`transition ${transition}`);
  const failure = isRecord(model.lastFailureInfo)
    ? model.lastFailureInfo
    : undefined;
  const reason = text(failure?.reason);
  const message = text(failure?.message);
  if (reason || message)
    causes.push(
      `last failure${reason ? ` ${reason}` : ''}${
        message ? `: ${message}` : ''
      }`,
    );
  return causes;
}

/**
 * Whether a KServe InferenceService is ready, by the rule of its deployment mode: every
 * required condition True (IngressReady too where the mode has one, and in RawDeployment when
 * it is reported) and a URL. For ModelMesh the cause of a not-ready server comes from
 * `status.modelStatus` (model states, transition, last failure). Never throws; anything
 * unreadable is `unknown`, never `ready`.
 * @public
 */
export function interpretInferenceServiceReadiness(
  object: unknown,
): InferenceServiceReadiness {
  const isvc = isRecord(object) ? object : {};
  const mode = modeOf(isvc);
  const status = isRecord(isvc.status) ? isvc.status : undefined;
  const conditions: Array<Condition & { type: string }> = (
    Array.isArray(status?.conditions) ? status!.conditions : []
  ).filter(
    (c: unknown): c is Condition & { type: string } =>
      isRecord(c) && typeof c.type === 'string',
  );
  const url = status ? urlOf(status) : undefined;
  if (!status || conditions.length === 0)
    return {
      mode,
      state: 'unknown',
      url,
      reasons: ['the InferenceService has no status yet'],
    };
  const required = [...REQUIRED_READY_CONDITIONS[mode]];
  if (
    mode === 'RawDeployment' &&
    conditions.some(c => c.type === 'IngressReady')
  )
    required.unshift('IngressReady');
  const failing = required
    .map(type => conditions.find(c => c.type === type) ?? { type })
    .filter(c => c.status !== 'True');
  const reasons = failing.map(c =>
    c.status === undefined && !('reason' in c)
      ? `${c.type} not reported`
      : describe(c),
  );
  if (mode === 'ModelMesh' && failing.length)
    reasons.push(...modelMeshCause(status));
  if (failing.length === 0 && !url) reasons.push('no URL set');
  return { mode, state: reasons.length ? 'not-ready' : 'ready', url, reasons };
}

/**
 * The `modelops.io/server-ready` annotation value of a readiness: `True`, or `False: <why>`
 * / `Unknown: <why>`.
 * @public
 */
export function readinessAnnotationValue(
  readiness: InferenceServiceReadiness,
): string {
  if (readiness.state === 'ready') return 'True';
  return `${
    readiness.state === 'unknown' ? 'Unknown' : 'False'
  }: ${readiness.reasons.join('; ')}`;
}

/** What "ready" means in a mode, for people: `IngressReady, PredictorReady and Ready are true`. @public */
export function readinessRuleText(mode: KServeDeploymentMode): string {
  const names = REQUIRED_READY_CONDITIONS[mode];
  return `${names.slice(0, -1).join(', ')} and ${
    names[names.length - 1]
  } are true`;
}
