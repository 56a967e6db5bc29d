import { DiagnosisEvidence, TaskSummary } from '../../tekton/types';
import { DiagnosisFacts, DiagnosisRule } from '../types';
import {
  captureFromEvidence,
  compact,
  capitalize,
  describeWhere,
  evidenceTasks,
  listOf,
  matchesAny,
  matchTexts,
  podTemplatePath,
  serviceAccountPath,
} from '../matchers';

/** Messages of a denied file access. @public */
export const permissionDeniedPatterns: readonly RegExp[] = Object.freeze([
  /permission denied/i,
  /\bEACCES\b/,
  /\[Errno 13\]/,
  /operation not permitted/i,
]);

/** Paths that belong to the shared workspace (a denied access elsewhere is another problem). @public */
export const workspacePathPatterns: readonly RegExp[] = Object.freeze([
  /\/workspace(s)?\//,
  /oci\/image\.tar/,
  /\/models?\//,
  /\.safetensors\b/,
]);

/** Messages of two tasks fighting over the same file. @public */
export const racePatterns: readonly RegExp[] = Object.freeze([
  /text file busy/i,
  /resource temporarily unavailable/i,
  /file changed as we read it/i,
  /device or resource busy/i,
]);

/** Messages of a wait loop or retry that ran out of attempts. @public */
export const retryExhaustedPatterns: readonly RegExp[] = Object.freeze([
  /after \d+ (attempts|tries|retries)/i,
  /\bgiving up\b|\bgave up\b/i,
  /retries exhausted|exhausted (all )?(\d+ )?retries/i,
  /attempt (\d+)\/\1\b.*(fail|not found|missing|timed out)/i,
  /(max(imum)?|all) (number of )?(retries|attempts) (reached|exhausted|used)/i,
]);

/** urllib3's connection error says "Max retries exceeded" about one request, not a wait loop. */
const NOT_A_WAIT_LOOP: readonly RegExp[] = Object.freeze([
  /Max retries exceeded with url/i,
]);

const PUSH_STAGES = ['push-internal', 'push-quay'];

function pathOf(evidence: DiagnosisEvidence[]): string | undefined {
  return (
    captureFromEvidence(evidence, /([^\s'":,(]*oci\/image\.tar)/) ??
    captureFromEvidence(evidence, /(\/workspaces?\/[^\s'":,)]+)/) ??
    captureFromEvidence(evidence, /(\/[^\s'":,)]+)/)
  );
}

function securityContextText(facts: DiagnosisFacts): string {
  const context = facts.summary.securityContext;
  if (
    !context ||
    (context.fsGroup === undefined && context.runAsUser === undefined)
  ) {
    return `The run sets no \`fsGroup\` or \`runAsUser\` in \`${podTemplatePath(
      facts,
    )}.securityContext\`, so each task pod gets whatever UID the SCC assigns.`;
  }
  const parts = [
    context.fsGroup !== undefined ? `fsGroup ${context.fsGroup}` : 'no fsGroup',
    context.runAsUser !== undefined
      ? `runAsUser ${context.runAsUser}`
      : 'no runAsUser',
  ];
  return `The run sets ${parts.join(' and ')} in \`${podTemplatePath(
    facts,
  )}.securityContext\`.`;
}

/** The task before `name` in pipeline order that finished: the one that wrote what `name` reads. */
function writerOf(
  facts: DiagnosisFacts,
  name: string | undefined,
): TaskSummary | undefined {
  const index = facts.tasks.findIndex(t => t.task.name === name);
  for (let i = index - 1; i >= 0; i--) {
    if (facts.tasks[i].task.status === 'Succeeded') {
      return facts.tasks[i].task;
    }
  }
  return undefined;
}

/** A task could not read or write the shared workspace. @public */
export const workspacePermissionDeniedRule: DiagnosisRule = {
  code: 'workspace-permission-denied',
  title: 'A task was denied access to the shared workspace',
  explanation: ({ facts, evidence }) => {
    const task = evidenceTasks(evidence)[0];
    const writer = writerOf(facts, task);
    const path = pathOf(evidence);
    return `${capitalize(describeWhere(evidence))} got "Permission denied" on ${
      path ? `\`${path}\`` : 'the workspace'
    }${
      writer ? `, which \`${writer.name}\` wrote` : ''
    }. Every task runs in its own pod; on the shared PVC a file is readable by the next task only if both run with the same UID, or share a GID (fsGroup) and the directory has the group execute bit and the file the group read bit. ${securityContextText(
      facts,
    )}`;
  },
  remediation: ({ facts, evidence }) => {
    const writer = writerOf(facts, evidenceTasks(evidence)[0]);
    const sa = facts.summary.serviceAccountName ?? '<service account>';
    return `Set \`${podTemplatePath(
      facts,
    )}.securityContext.fsGroup\` (e.g. 1001, or the first GID of the namespace's \`openshift.io/sa.scc.supplemental-groups\`) and one common \`runAsUser\` for every task; to pin \`runAsUser\` on OpenShift the service account (\`${serviceAccountPath(
      facts,
    )}: ${sa}\`) needs the \`anyuid\` SCC (\`oc adm policy add-scc-to-user anyuid -z ${sa}\`). ${
      writer
        ? `In \`${writer.name}\`, make what it writes readable by the group before it ends: \`chmod g+rx <workspace>/oci && chmod g+r <workspace>/oci/image.tar\` (\`chmod -R g+rX\` for model directories).`
        : 'Make the directories the tasks share group-accessible where they are created (`chmod -R g+rwX <workspace>/<dir>`).'
    }`;
  },
  match: facts => {
    const found = matchTexts(facts, permissionDeniedPatterns, {
      alsoMatching: workspacePathPatterns,
      taskOnly: true,
    });
    return found.length ? found : undefined;
  },
};

function pushTasks(facts: DiagnosisFacts): TaskSummary[] {
  const byStage = facts.tasks
    .map(t => t.task)
    .filter(t => t.stage !== undefined && PUSH_STAGES.includes(t.stage));
  return byStage.length >= 2
    ? byStage
    : facts.tasks.map(t => t.task).filter(t => /push/i.test(t.name));
}

function overlaps(a: TaskSummary, b: TaskSummary): boolean {
  if (!a.startedAt || !b.startedAt) {
    return false;
  }
  const aStart = Date.parse(a.startedAt);
  const bStart = Date.parse(b.startedAt);
  const aEnd = a.finishedAt ? Date.parse(a.finishedAt) : Infinity;
  const bEnd = b.finishedAt ? Date.parse(b.finishedAt) : Infinity;
  return aStart < bEnd && bStart < aEnd;
}

function timing(task: TaskSummary): DiagnosisEvidence {
  return compact({
    source: 'condition',
    task: task.name,
    reason: task.reason,
    message: `${task.status}; ran ${task.startedAt ?? '?'} to ${
      task.finishedAt ?? 'still running'
    }${task.digest ? `; digest ${task.digest}` : ''}`,
  });
}

/** Two push tasks read the same archive at the same time. @public */
export const parallelPushRaceRule: DiagnosisRule = {
  code: 'parallel-push-race',
  title: 'Two pushes raced on the same archive',
  // Overlapping pushes that left two digests are a race even when Tekton says Succeeded.
  appliesTo: 'any',
  explanation: ({ evidence }) => {
    const tasks = evidenceTasks(evidence);
    return `${
      tasks.length >= 2 ? listOf(tasks.map(t => `\`${t}\``)) : 'Two push tasks'
    } ran at the same time against the same \`oci/image.tar\` on the shared workspace. One read the archive while the other (or the build) still changed it, so one push failed or the two registries got different digests.`;
  },
  remediation: ({ facts }) => {
    const pushes = pushTasks(facts).map(t => t.name);
    const [first, second] =
      pushes.length >= 2 ? pushes : ['push-to-internal', 'push-to-quay'];
    return `Run the pushes one after the other: add \`runAfter: [${first}]\` to \`${second}\` in Pipeline \`${
      facts.summary.pipelineName ?? '<pipeline>'
    }\` (it already needs \`runAfter: [build-image]\`). Never move, rewrite or delete the archive in a push task.`;
  },
  match: facts => {
    const raced = matchTexts(facts, racePatterns, { taskOnly: true });
    const pushes = pushTasks(facts);
    const overlapping = new Set<TaskSummary>();
    for (let i = 0; i < pushes.length; i++) {
      for (let j = i + 1; j < pushes.length; j++) {
        if (overlaps(pushes[i], pushes[j])) {
          overlapping.add(pushes[i]);
          overlapping.add(pushes[j]);
        }
      }
    }
    const pushFailed = [...overlapping].some(t =>
      facts.failedTasks.some(f => f.task === t || f.task.name === t.name),
    );
    if (overlapping.size >= 2 && (pushFailed || !facts.digests.consistent)) {
      return [...[...overlapping].map(timing), ...raced];
    }
    return raced.length ? raced : undefined;
  },
};

/** The digest changed between build and push. @public */
export const digestMismatchRule: DiagnosisRule = {
  code: 'digest-mismatch',
  title: 'The image digest differs between build and push',
  appliesTo: 'any',
  explanation: ({ facts }) => {
    const labels = {
      build: 'build',
      pushInternal: 'internal registry',
      pushQuay: 'Quay',
    };
    const seen = facts.digestSources.map(
      s => `\`${s.task}\` (${labels[s.trailField]}) reported \`${s.digest}\``,
    );
    return `${listOf(
      seen,
    )}. A correct run has one digest from build to both registries: the pushed image is not the one that was built (a stale or partly written \`oci/image.tar\`, or two tasks seeing different content).${
      facts.summary.status === 'Succeeded'
        ? ' Tekton calls the run Succeeded, but the registries hold different images.'
        : ''
    }`;
  },
  remediation: ({ facts }) => {
    const build =
      facts.digestSources.find(s => s.trailField === 'build')?.task ??
      'build-image';
    return `Do not use these images. Re-run from \`${build}\`. Make \`${build}\` write the archive under a temporary name and rename it when complete; pass \`$(tasks.${build}.results.IMAGE_DIGEST)\` to each push task and fail when \`skopeo inspect oci-archive:...\` gives another digest; push with \`skopeo copy --preserve-digests\` so the registry cannot re-compress into a new digest; run the pushes serially.`;
  },
  match: facts => {
    if (facts.digests.consistent) {
      return undefined;
    }
    return facts.digestSources.map(source =>
      compact({
        source: source.from,
        task: source.task,
        step: source.step,
        message:
          source.from === 'log' ? undefined : `IMAGE_DIGEST=${source.digest}`,
        logLines: source.line ? [source.line] : undefined,
      }),
    );
  },
};

/** A wait loop or retry ran out of attempts. @public */
export const retryExhaustedRule: DiagnosisRule = {
  code: 'retry-exhausted',
  title: 'A task gave up after retrying',
  explanation: ({ facts, evidence }) => {
    const task = facts.tasks.find(
      t => t.task.name === evidenceTasks(evidence)[0],
    )?.task;
    const waitedFor = pathOf(evidence);
    return `${capitalize(describeWhere(evidence))} retried and gave up${
      waitedFor ? ` waiting for \`${waitedFor}\`` : ''
    }${
      task && task.retries > 0
        ? ` (Tekton also retried the task ${task.retries} time(s))`
        : ''
    }. What it waited for never became ready in time: the archive was still being written, was written elsewhere, or a task it depends on had not run.`;
  },
  remediation: ({ facts, evidence }) => {
    const task = evidenceTasks(evidence)[0] ?? '<task>';
    const isPush = facts.tasks.some(
      t =>
        t.task.name === task &&
        t.task.stage &&
        PUSH_STAGES.includes(t.task.stage),
    );
    return isPush
      ? `Make \`${task}\` wait for the build instead of polling: give it \`runAfter: [build-image]\` and read \`$(tasks.build-image.results.IMAGE_DIGEST)\`, so it starts only once the archive is complete. If it must poll, give it a budget that fits a 14 GB archive (minutes, not 30 x 2 s) and check the path it polls is the one \`build-image\` writes.`
      : `Check what \`${task}\` waits for (the matched lines name it), that the task producing it runs before (\`runAfter\`), and raise the attempt count or interval of the wait loop if the producer is slow.`;
  },
  match: facts => {
    const found = matchTexts(facts, retryExhaustedPatterns, {
      taskOnly: true,
      unless: NOT_A_WAIT_LOOP,
    }).filter(e => waitedForAFile(facts, e));
    return found.length ? found : undefined;
  },
};

/** Lines of a wait loop: what it is waiting for is named there. */
const WAIT_LINE =
  /\b(wait(ing|ed)?|poll(ing|ed)?|retry(ing)?|retries|attempts?|tries|gave up|giving up)\b/i;
/** A file the loop waits for: the archive, a workspace path, "file"/"archive". */
const FILE_WAIT =
  /oci\/image\.tar|\.tar\b|\barchive\b|\/workspaces?\/|\bfile\b|\[ -[fse] |test -[fse] |\bls: cannot access\b/i;
/** A service the loop waits for: a URL, an HTTP status, an endpoint. */
const SERVICE_WAIT =
  /https?:\/\/|\bendpoint\b|\b50[234]\b|\bHTTP\b|\/v1\/|\bhealth|\bready\b|\bservice unavailable\b|\bconnection\b/i;

/**
 * True when the loop that gave up waited for a file (the ModelCar archive race), not for
 * a service: a loop polling an inference endpoint or a registry is another cause.
 */
function waitedForAFile(
  facts: DiagnosisFacts,
  evidence: DiagnosisEvidence,
): boolean {
  const task = facts.tasks.find(t => t.task.name === evidence.task);
  const lines = [
    ...(evidence.logLines ?? []),
    evidence.message ?? '',
    ...(task?.steps
      .filter(s => !evidence.step || s.step.name === evidence.step)
      .flatMap(s => s.logLines.slice(-200)) ?? []),
  ].filter(line => WAIT_LINE.test(line));
  const file = lines.some(line => FILE_WAIT.test(line));
  const service = lines.some(line => SERVICE_WAIT.test(line));
  return file || !service;
}

/** True when a line reads like a permission problem on the workspace (for rule authors). @public */
export function isWorkspacePermissionLine(line: string): boolean {
  return (
    matchesAny(line, permissionDeniedPatterns) &&
    matchesAny(line, workspacePathPatterns)
  );
}
