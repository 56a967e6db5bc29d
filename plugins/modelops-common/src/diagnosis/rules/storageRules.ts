import { DiagnosisRule } from '../types';
import {
  captureFromEvidence,
  capitalize,
  describeWhere,
  evidenceTasks,
  matchTexts,
} from '../matchers';

/** A full disk, as Python, Rust (hf_transfer), Go (skopeo, buildah), coreutils and df say it. @public */
export const diskFullPatterns: readonly RegExp[] = Object.freeze([
  /No space left on device/i,
  /\bENOSPC\b/,
  /\[Errno 28\]|os error 28\b/i,
  /Disk quota exceeded|\bEDQUOT\b|\[Errno 122\]/i,
  /Not enough free disk space to download the file/i,
  /not enough (free )?(disk )?space|insufficient (free )?(disk )?space/i,
  // `df -h` line of a full data mount: "/dev/rbd0  50G  50G  0  100% /workspace/shared"
  /^\S+\s+[\d.]+[KMGTP]?i?\s+[\d.]+[KMGTP]?i?\s+[\d.]+[KMGTP]?i?\s+100%\s+\/(workspace|tmp|var|data|models?|home|opt|root|$)\S*/,
]);

function pathOf(lines: string[]): string | undefined {
  for (const line of lines) {
    const df = /100%\s+(\/\S*)/.exec(line);
    if (df) return df[1];
    const path =
      /(\/(?:workspaces?|tmp|var\/tmp|data|models?|home)\/?[^\s'":,)]*)/.exec(
        line,
      );
    if (path) return path[1];
  }
  return undefined;
}

/** The volume a task writes to is full. @public */
export const diskFullRule: DiagnosisRule = {
  code: 'disk-full',
  title: 'A task ran out of disk space',
  explanation: ({ facts, evidence }) => {
    const lines = evidence.flatMap(e => [
      e.message ?? '',
      ...(e.logLines ?? []),
    ]);
    const path = pathOf(lines);
    const workspace = path ? /\/workspaces?\b/.test(path) : undefined;
    const claim = facts.summary.workspaces?.find(w => w.claimName)?.claimName;
    let where = 'the volume it writes to';
    if (workspace) {
      where = `the workspace volume${claim ? ` (claim \`${claim}\`)` : ''}`;
    } else if (path) {
      where = `\`${path}\` (the container's own disk: ephemeral storage of the node)`;
    }
    const size = captureFromEvidence(
      evidence,
      /expected file size is: ([\d.]+ ?[KMGT]?B)/i,
    );
    return `${capitalize(
      describeWhere(evidence),
    )} failed because ${where} is full${
      size ? ` (a file of ${size} did not fit)` : ''
    }. A ModelCar run keeps the model files and the OCI archive (about the same size again) on one volume: a 24B model needs ~50 GB, a full fp16 model much more.`;
  },
  remediation: ({ facts, evidence }) => {
    const task = evidenceTasks(evidence)[0] ?? '<task>';
    const claim = facts.summary.workspaces?.find(w => w.claimName)?.claimName;
    return `Give the workspace at least 2.5 x the model size: raise \`storage\` of the \`volumeClaimTemplate\` in the PipelineRun, or expand ${
      claim ? `claim \`${claim}\`` : 'the claim'
    } (\`oc patch pvc ... -p '{"spec":{"resources":{"requests":{"storage":"200Gi"}}}}'\` when the storage class allows expansion). Delete old models and archives left on a shared claim. If \`${task}\` writes to \`/tmp\` or \`HF_HOME\` in the container, point them at the workspace (\`HF_HOME=$(workspaces.<ws>.path)/.cache\`).`;
  },
  match: facts => {
    const found = matchTexts(facts, diskFullPatterns, { taskOnly: true });
    return found.length ? found : undefined;
  },
};
