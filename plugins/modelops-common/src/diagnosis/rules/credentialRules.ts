import { DiagnosisEvidence } from '../../tekton/types';
import { DiagnosisFacts, DiagnosisRule } from '../types';
import {
  captureFromEvidence,
  capitalize,
  describeWhere,
  matchTexts,
  serviceAccountPath,
} from '../matchers';

/** Messages of the Kubernetes API server rejecting an expired or invalid token. @public */
export const saTokenExpiredPatterns: readonly RegExp[] = Object.freeze([
  /You must be logged in to the server/i,
  /\btoken (has|is) expired\b|\bexpired token\b/i,
  /the server has asked for the client to provide credentials/i,
  /Error from server \(Unauthorized\)/i,
  /"reason"\s*:\s*"Unauthorized"/,
  /service ?account token\b.*\b(expired|invalid)/i,
]);

/** Messages of a registry refusing credentials. @public */
export const registryAuthPatterns: readonly RegExp[] = Object.freeze([
  /unauthorized: access to the requested resource is not authorized/i,
  /unauthorized: authentication required/i,
  /\bauthentication required\b/i,
  /requested access to the resource is denied/i,
  /unauthorized: incorrect username or password/i,
  /invalid username\/password/i,
  /received unexpected HTTP status: (401|403)/i,
  /\b(401|403)\b[^\n]*\b(Unauthorized|Forbidden)\b/i,
  /: unauthorized\b/i,
]);

/** Host names of the OpenShift internal image registry. @public */
export const internalRegistryPatterns: readonly RegExp[] = Object.freeze([
  /image-registry\.openshift-image-registry\.svc/i,
  /default-route-openshift-image-registry/i,
]);

/** Bound service account tokens live about an hour (kube-apiserver default 3607 s). */
const TOKEN_LIFETIME_SECONDS = 3600;

const REGISTRY_HOST =
  /((?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?)\/[a-z0-9._-]+\/[a-z0-9._/-]+/i;

function longRunningInternalPushes(facts: DiagnosisFacts): DiagnosisEvidence[] {
  const candidates = matchTexts(facts, registryAuthPatterns, {
    alsoMatching: internalRegistryPatterns,
    taskOnly: true,
  });
  return candidates
    .filter(e => {
      const task = facts.tasks.find(t => t.task.name === e.task)?.task;
      return (task?.durationSeconds ?? 0) >= TOKEN_LIFETIME_SECONDS;
    })
    .map(e => {
      const task = facts.tasks.find(t => t.task.name === e.task)?.task;
      return {
        ...e,
        message: [
          e.message,
          `task ran ${Math.round(
            (task?.durationSeconds ?? 0) / 60,
          )} min before the push`,
        ]
          .filter(Boolean)
          .join('; '),
      };
    });
}

/** The service account token expired before the task used it. @public */
export const saTokenExpiredRule: DiagnosisRule = {
  code: 'sa-token-expired',
  title: 'The service account token expired during the task',
  explanation: ({ facts, evidence }) =>
    `${capitalize(describeWhere(evidence))} was refused with \`Unauthorized\`${
      evidence.some(e => /task ran \d+ min/.test(e.message ?? ''))
        ? ` after the task had run ${Math.round(
            (facts.tasks.find(t => t.task.name === evidence[0].task)?.task
              .durationSeconds ?? 0) / 60,
          )} min`
        : ''
    } although the service account${
      facts.summary.serviceAccountName
        ? ` \`${facts.summary.serviceAccountName}\``
        : ''
    } has the rights: its token had expired. Bound service account tokens last about an hour; a step that reads the token once (or logs in to the registry) at the start of a long build and pushes in the same pod later presents a dead token.`,
  remediation: ({ facts }) =>
    `Split the long build and the push into separate tasks (so the push pod mounts a fresh token), or read \`/var/run/secrets/kubernetes.io/serviceaccount/token\` right before each \`oc\`/\`skopeo\` call instead of caching it. For the registry, a dockerconfigjson Secret linked to \`${
      facts.summary.serviceAccountName ?? '<service account>'
    }\` (\`${serviceAccountPath(facts)}\`) does not expire.`,
  match: facts => {
    const found = matchTexts(facts, saTokenExpiredPatterns, { taskOnly: true });
    if (found.length) {
      return found;
    }
    const pushes = longRunningInternalPushes(facts);
    return pushes.length ? pushes : undefined;
  },
};

/** A registry refused the push (or pull) credentials. @public */
export const registryAuthFailedRule: DiagnosisRule = {
  code: 'registry-auth-failed',
  title: 'The image registry refused the credentials',
  explanation: ({ facts, evidence }) => {
    const host = captureFromEvidence(evidence, REGISTRY_HOST);
    const internal = evidence.some(e =>
      [e.message, ...(e.logLines ?? [])].some(t =>
        internalRegistryPatterns.some(p => p.test(t ?? '')),
      ),
    );
    const image =
      (internal
        ? facts.summary.keyParams.internalImage
        : facts.summary.keyParams.quayImage) ?? undefined;
    return `${capitalize(describeWhere(evidence))} was refused by ${
      host ? `registry \`${host}\`` : 'the registry'
    } (401/403)${
      image ? ` when pushing \`${image}\`` : ''
    }: the credentials the task presented are missing, wrong, or lack write access to that repository.`;
  },
  remediation: ({ facts, evidence }) => {
    const sa = facts.summary.serviceAccountName ?? '<service account>';
    const ns = facts.summary.namespace || '<namespace>';
    const internal = evidence.some(e =>
      [e.message, ...(e.logLines ?? [])].some(t =>
        internalRegistryPatterns.some(p => p.test(t ?? '')),
      ),
    );
    if (internal) {
      return `Give the service account push rights to the target namespace of the internal registry: \`oc policy add-role-to-user system:image-builder -z ${sa} -n <target namespace>\` (the run uses \`${serviceAccountPath(
        facts,
      )}: ${sa}\` in \`${ns}\`).`;
    }
    return `Create a robot account with write permission on the repository${
      facts.summary.keyParams.quayImage
        ? ` of \`${facts.summary.keyParams.quayImage}\``
        : ''
    }, store its dockerconfigjson as a Secret in \`${ns}\` and link it: \`oc secrets link ${sa} <secret> --for=mount\` (or bind it as the task's docker config workspace). Check the Secret's registry host matches the image host exactly.`;
  },
  match: facts => {
    const found = matchTexts(facts, registryAuthPatterns, { taskOnly: true });
    return found.length ? found : undefined;
  },
};
