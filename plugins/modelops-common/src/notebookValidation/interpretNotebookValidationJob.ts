import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asString,
  asTimestamp,
  bound,
  MAX_MESSAGE_CHARS,
  secondsBetween,
} from '../tekton/objectReaders';
import { ANNOTATION_ARGOCD_SYNC_WAVE } from '../annotations';
import { assessBuildGate } from './buildGate';
import { detectSilentFailure } from './silentFailures';
import {
  NotebookBuild,
  NotebookCellResult,
  NotebookComparison,
  NotebookCondition,
  NotebookJobPhase,
  NotebookJobSummary,
  NotebookModelValidation,
} from './types';

/** Largest cell output or diff text kept per cell (the operator truncates too, but not always). */
export const MAX_CELL_OUTPUT_CHARS = 4000;
/** Largest number of cell results kept per job. */
export const MAX_CELLS = 1000;

const PHASES: Record<string, NotebookJobPhase> = {
  Initializing: 'Initializing',
  Building: 'Building',
  BuildComplete: 'BuildComplete',
  ValidationRunning: 'ValidationRunning',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  // Older operator versions.
  Pending: 'Initializing',
  Running: 'ValidationRunning',
};

/** Label the operator puts on validation pods. @public */
export const LABEL_NOTEBOOK_VALIDATION_JOB = 'notebookvalidationjob';

/** Options of {@link interpretNotebookValidationJob}. @public */
export interface InterpretNotebookJobOptions {
  cluster: string;
  /** The validation pod, when read: gives the image validation really ran on and when it started. */
  pod?: unknown;
}

function text(value: unknown, max = MAX_MESSAGE_CHARS): string | undefined {
  const s = asString(value);
  return s ? bound(s, max) : undefined;
}

function readBuild(value: unknown): NotebookBuild | undefined {
  const b = asRecord(value);
  if (!b) return undefined;
  const startedAt = asTimestamp(b.startTime);
  const completedAt = asTimestamp(b.completionTime);
  return {
    phase: asString(b.phase),
    strategy: asString(b.strategy),
    buildName: asString(b.buildName),
    imageReference: asString(b.imageReference),
    startedAt,
    completedAt,
    durationSeconds: secondsBetween(startedAt, completedAt),
    message: text(b.message),
  };
}

function readCells(value: unknown, problems: string[]): NotebookCellResult[] {
  const entries = asArray(value);
  if (entries.length > MAX_CELLS)
    problems.push(
      `${entries.length} cell results; the first ${MAX_CELLS} are kept`,
    );
  const cells: NotebookCellResult[] = [];
  entries.slice(0, MAX_CELLS).forEach((entry, position) => {
    const cell = asRecord(entry);
    if (!cell) {
      problems.push(`cell result ${position} is not an object`);
      return;
    }
    const rawOutput = asString(cell.output);
    const status = asString(cell.status) ?? 'Unknown';
    cells.push({
      cellIndex: asNumber(cell.cellIndex) ?? position,
      status,
      executionTime: asString(cell.executionTime),
      errorMessage: text(cell.errorMessage),
      output: rawOutput ? bound(rawOutput, MAX_CELL_OUTPUT_CHARS) : undefined,
      outputTruncated: rawOutput
        ? rawOutput.length > MAX_CELL_OUTPUT_CHARS
        : undefined,
      silentFailure:
        status === 'Success'
          ? detectSilentFailure(rawOutput?.slice(0, 64 * 1024))
          : undefined,
    });
  });
  return cells;
}

function readComparison(value: unknown): NotebookComparison | undefined {
  const c = asRecord(value);
  if (!c) return undefined;
  return {
    result: asString(c.result),
    strategy: asString(c.strategy),
    totalCells: asNumber(c.totalCells),
    matchedCells: asNumber(c.matchedCells),
    mismatchedCells: asNumber(c.mismatchedCells),
    diffs: asArray(c.diffs)
      .slice(0, MAX_CELLS)
      .map(asRecord)
      .filter((d): d is Record<string, unknown> => !!d)
      .map(d => ({
        cellIndex: asNumber(d.cellIndex),
        cellType: asString(d.cellType),
        diffType: asString(d.diffType),
        severity: asString(d.severity),
        expected: text(d.expected, MAX_CELL_OUTPUT_CHARS),
        actual: text(d.actual, MAX_CELL_OUTPUT_CHARS),
        diff: text(d.diff, MAX_CELL_OUTPUT_CHARS),
      })),
  };
}

function readModelValidation(
  value: unknown,
): NotebookModelValidation | undefined {
  const m = asRecord(value);
  if (!m) return undefined;
  const clean = asRecord(m.cleanEnvironmentCheck);
  const existing = asRecord(m.existingEnvironmentCheck);
  const checks: NotebookModelValidation['checks'] = [];
  for (const name of [
    'platformAvailable',
    'rbacPermissions',
    'networkConnectivity',
  ]) {
    const passed = asBoolean(clean?.[name]);
    if (passed !== undefined) checks.push({ name, passed });
  }
  const prediction = asRecord(existing?.predictionValidation);
  return {
    success: asBoolean(m.success),
    platform: asString(m.platform),
    phase: asString(m.phase),
    message: text(m.message) ?? text(existing?.message) ?? text(clean?.message),
    checks,
    models: asArray(existing?.modelsChecked)
      .map(asRecord)
      .filter((x): x is Record<string, unknown> => !!x)
      .map(x => ({
        name: asString(x.modelName),
        version: asString(x.version),
        available: asBoolean(x.available),
        healthy: asBoolean(x.healthy),
        message: text(x.message),
      })),
    prediction: prediction
      ? {
          success: asBoolean(prediction.success),
          expected: text(prediction.expectedOutput, MAX_CELL_OUTPUT_CHARS),
          actual: text(prediction.actualOutput, MAX_CELL_OUTPUT_CHARS),
          difference: asString(prediction.difference),
          message: text(prediction.message),
        }
      : undefined,
  };
}

function readConditions(value: unknown): NotebookCondition[] {
  return asArray(value)
    .map(asRecord)
    .filter((c): c is Record<string, unknown> => !!c && !!asString(c.type))
    .map(c => ({
      type: asString(c.type)!,
      status: asString(c.status),
      reason: asString(c.reason),
      message: text(c.message),
      lastTransitionTime: asTimestamp(c.lastTransitionTime),
    }));
}

/** The validation pod's start and the image its first container ran. */
function readPod(
  value: unknown,
):
  | { name?: string; startedAt?: string; image?: string; imageID?: string }
  | undefined {
  const pod = asRecord(value);
  if (!pod) return undefined;
  const status = asRecord(pod.status);
  const containerStatus = asRecord(asArray(status?.containerStatuses)[0]);
  const container = asRecord(asArray(asRecord(pod.spec)?.containers)[0]);
  return {
    name: asString(asRecord(pod.metadata)?.name),
    startedAt:
      asTimestamp(status?.startTime) ??
      asTimestamp(asRecord(pod.metadata)?.creationTimestamp),
    image: asString(containerStatus?.image) ?? asString(container?.image),
    imageID: asString(containerStatus?.imageID),
  };
}

function headlineOf(
  summary: Omit<NotebookJobSummary, 'headline'>,
): string | undefined {
  const failedCell = summary.cells.results.find(c => c.status === 'Failure');
  const raceOrMismatch = summary.gate.problems.find(
    p => p.code !== 'build-failed',
  );
  const buildFailed = summary.gate.problems.find(
    p => p.code === 'build-failed',
  );
  if (summary.phase === 'Failed') {
    if (buildFailed && !failedCell)
      return `Image build failed${
        summary.build?.message ? `: ${summary.build.message}` : ''
      }`;
    if (raceOrMismatch?.code === 'validation-before-build') {
      return `Validation ran before the custom image was built${
        failedCell
          ? `; cell ${failedCell.cellIndex} failed: ${
              failedCell.errorMessage ?? 'no message'
            }`
          : ''
      }`;
    }
    if (failedCell)
      return `Cell ${failedCell.cellIndex} failed: ${
        failedCell.errorMessage ?? 'no message'
      }`;
    if (summary.comparison?.result === 'failed') {
      return `Output differs from the golden notebook in ${
        summary.comparison.mismatchedCells ?? summary.comparison.diffs.length
      } cells`;
    }
    if (summary.modelValidation?.success === false)
      return `Model validation failed${
        summary.modelValidation.message
          ? `: ${summary.modelValidation.message}`
          : ''
      }`;
    const failing = summary.conditions.find(
      c => c.status === 'False' && c.message,
    );
    return (
      summary.message ??
      failing?.message ??
      'Failed; the operator gave no reason'
    );
  }
  if (buildFailed)
    return `Image build failed${
      summary.build?.message ? `: ${summary.build.message}` : ''
    }`;
  if (raceOrMismatch) return raceOrMismatch.message;
  const silent = summary.cells.results.find(c => c.silentFailure);
  if (silent && summary.phase === 'Succeeded')
    return `Passed, but cell ${silent.cellIndex} ${silent.silentFailure} (a silent failure)`;
  if (summary.comparison?.result === 'failed')
    return `Output differs from the golden notebook in ${
      summary.comparison.mismatchedCells ?? summary.comparison.diffs.length
    } cells`;
  return undefined;
}

/**
 * Turns a NotebookValidationJob (any operator version, any status, or none) into a summary.
 * Never throws: what cannot be read is listed in `problems`.
 * @public
 */
export function interpretNotebookValidationJob(
  object: unknown,
  options: InterpretNotebookJobOptions,
): NotebookJobSummary {
  const problems: string[] = [];
  const o = asRecord(object) ?? {};
  const metadata = asRecord(o.metadata) ?? {};
  const spec = asRecord(o.spec) ?? {};
  const status = asRecord(o.status);
  if (!status)
    problems.push('the job has no status yet (the operator has not seen it)');

  const phaseText = asString(status?.phase);
  const phase: NotebookJobPhase = phaseText
    ? PHASES[phaseText] ?? 'Unknown'
    : 'Initializing';
  if (phaseText && !PHASES[phaseText])
    problems.push(`unknown phase "${phaseText}"`);

  const annotations = asRecord(metadata.annotations) ?? {};
  const waveRaw = asString(annotations[ANNOTATION_ARGOCD_SYNC_WAVE]);
  const wave =
    waveRaw !== undefined && /^-?\d+$/.test(waveRaw.trim())
      ? Number(waveRaw.trim())
      : undefined;

  const notebook = asRecord(spec.notebook) ?? {};
  const git = asRecord(notebook.git) ?? {};
  const podConfig = asRecord(spec.podConfig) ?? {};
  const buildConfig = asRecord(podConfig.buildConfig);
  const build = readBuild(status?.buildStatus);
  const cells = readCells(status?.results, problems);
  const pod = readPod(options.pod);
  const startedAt = asTimestamp(status?.startTime);
  const completedAt = asTimestamp(status?.completionTime);
  const labels = Object.fromEntries(
    Object.entries(asRecord(metadata.labels) ?? {}).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );

  const summary: Omit<NotebookJobSummary, 'headline'> = {
    cluster: options.cluster,
    namespace: asString(metadata.namespace) ?? '',
    name: asString(metadata.name) ?? '',
    uid: asString(metadata.uid),
    resourceVersion: asString(metadata.resourceVersion),
    labels,
    createdAt: asTimestamp(metadata.creationTimestamp),
    wave,
    waveText: wave === undefined ? waveRaw : undefined,
    phase,
    phaseText: phaseText === phase ? undefined : phaseText ?? '(none)',
    notebook: {
      path: asString(notebook.path),
      gitUrl: asString(git.url),
      gitRef: asString(git.ref),
    },
    level: asString(asRecord(spec.validationConfig)?.level),
    startedAt,
    completedAt,
    durationSeconds: secondsBetween(startedAt, completedAt),
    retryCount: asNumber(status?.retryCount),
    lastRetryAt: asTimestamp(status?.lastRetryTime),
    message: text(status?.message),
    build,
    gate: assessBuildGate({
      phase,
      buildEnabled: asBoolean(buildConfig?.enabled) === true,
      build,
      hasCellResults: cells.length > 0,
      pod,
    }),
    cells: {
      total: cells.length,
      succeeded: cells.filter(c => c.status === 'Success').length,
      failed: cells.filter(c => c.status === 'Failure').length,
      skipped: cells.filter(c => c.status === 'Skipped').length,
      results: cells,
    },
    comparison: readComparison(status?.comparisonResult),
    modelValidation: readModelValidation(status?.modelValidationResult),
    conditions: readConditions(status?.conditions),
    podName: asString(status?.validationPodName) ?? pod?.name,
    problems,
  };
  return { ...summary, headline: headlineOf(summary) };
}
