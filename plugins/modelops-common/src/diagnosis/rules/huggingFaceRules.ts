import { DiagnosisFacts, DiagnosisRule, TaskFacts } from '../types';
import {
  captureFromEvidence,
  capitalize,
  describeWhere,
  evidenceTasks,
  matchesAny,
  matchTexts,
  paramNameOf,
  paramsMatching,
  serviceAccountPath,
} from '../matchers';

/** Text that shows a task talks to Hugging Face. @public */
export const huggingFaceContextPatterns: readonly RegExp[] = Object.freeze([
  /huggingface\.co|\bhf\.co\b/i,
  /huggingface[-_]hub|huggingface-cli|\bhf download\b/i,
  /\bHF_(TOKEN|HOME|ENDPOINT|HUB_\w+)\b/,
]);

/** TLS verification failures (Python requests/urllib3, curl, Go). @public */
export const tlsFailurePatterns: readonly RegExp[] = Object.freeze([
  /CERTIFICATE_VERIFY_FAILED/,
  /self[- ]signed certificate in certificate chain/i,
  /unable to get local issuer certificate/i,
  /SSLCertVerificationError|SSLError\(/,
  /x509: certificate signed by unknown authority/i,
  /SSL certificate problem/i,
]);

/** Hugging Face messages of a repository (or revision) that does not exist. @public */
export const hfRepoNotFoundPatterns: readonly RegExp[] = Object.freeze([
  /RepositoryNotFoundError/,
  /Repository Not Found for url/i,
  /RevisionNotFoundError|Revision Not Found for url/i,
  /404 Client Error[^\n]*huggingface\.co/i,
]);

/** Hugging Face messages of a missing, wrong or insufficient token. @public */
export const hfAuthPatterns: readonly RegExp[] = Object.freeze([
  /GatedRepoError/,
  /Cannot access gated repo/i,
  /\bis gated\b|\bgated (repo|model)\b/i,
  /Access to (model|dataset|repo) [^\s]+ is restricted/i,
  /awaiting a review from the repo authors/i,
  /\brequires? (your )?(approval|access request)|access (request )?(is )?pending approval|not (yet )?approved/i,
  /not in the authorized list|ask for access|request access/i,
  /enable access to public gated repo(sitorie)?s/i,
  /Invalid user token/i,
  /Invalid (credentials|token)\b/i,
  /401 Client Error/i,
  /403 Client Error/i,
  /Unauthorized for url: https:\/\/(huggingface\.co|hf\.co)/i,
  /Client error '40[13] (Unauthorized|Forbidden)'/i,
  /\b40[13] (Unauthorized|Forbidden)\b/i,
  /HTTP status client error \(40[13]/i,
]);

/** Hugging Face rate limiting, worded by huggingface_hub 0.x (requests) and 1.x (httpx), hf_transfer and the Hub. @public */
export const hfRateLimitPatterns: readonly RegExp[] = Object.freeze([
  /\b429\b[^\n]*Too Many Requests|Too Many Requests[^\n]*\b429\b/i,
  /\bToo Many Requests\b/i,
  /\brate[- ]?limit(ed|ing)?\b|We had to rate limit/i,
  /HTTP status client error \(429/i,
  /status(_code)?[=: ]+429\b/i,
]);

/** Shell messages of a missing Hugging Face CLI. @public */
export const hfCliMissingPatterns: readonly RegExp[] = Object.freeze([
  /huggingface-cli: (command )?not found/i,
  /\bhf: (command )?not found/i,
  /exec: "(huggingface-cli|hf)": executable file not found/i,
  /(huggingface-cli|\/hf): No such file or directory/i,
  /No module named '?huggingface_hub'?/i,
]);

const GATED =
  /gated|restricted|approval|awaiting a review|authorized list|ask for access|request access/i;

const huggingFaceTasksCache = new WeakMap<DiagnosisFacts, Set<string>>();

/** True when a task downloads from Hugging Face: its stage, or its messages and logs say so. @public */
export function isHuggingFaceTask(
  facts: DiagnosisFacts,
  task: TaskFacts,
): boolean {
  if (task.task.stage === 'download') {
    return true;
  }
  let names = huggingFaceTasksCache.get(facts);
  if (!names) {
    names = new Set<string>();
    for (const text of facts.texts) {
      if (
        text.task &&
        !names.has(text.task) &&
        matchesAny(text.text, huggingFaceContextPatterns)
      ) {
        names.add(text.task);
      }
    }
    huggingFaceTasksCache.set(facts, names);
  }
  return names.has(task.task.name);
}

function repoText(facts: DiagnosisFacts): string {
  const repo = facts.summary.keyParams.huggingFaceRepo;
  if (!repo) {
    return 'the Hugging Face repository';
  }
  const param = paramNameOf(facts, repo);
  return `\`${repo}\`${param ? ` (param \`${param}\`)` : ''}`;
}

function tokenParams(facts: DiagnosisFacts): string {
  const params = paramsMatching(facts, /token|secret|credential/i);
  return params.length ? ` The run passes ${params.join(', ')}.` : '';
}

/** TLS to Hugging Face failed (usually a proxy re-signing TLS). @public */
export const hfTlsFailedRule: DiagnosisRule = {
  code: 'hf-tls-failed',
  title: 'The download could not verify the TLS certificate',
  explanation: ({ evidence }) =>
    `${capitalize(
      describeWhere(evidence),
    )} could not verify the certificate presented for the Hugging Face endpoint ("certificate verify failed" / "self-signed certificate in certificate chain"). A proxy or firewall that inspects TLS re-signs the connection with a corporate CA that the task image does not trust.`,
  remediation: ({ evidence }) => {
    const task = evidenceTasks(evidence)[0] ?? 'download-model';
    return `Give \`${task}\` the cluster's trusted CA bundle: a ConfigMap labelled \`config.openshift.io/inject-trusted-cabundle: "true"\`, mounted in the step, with \`REQUESTS_CA_BUNDLE\` and \`SSL_CERT_FILE\` pointing at \`ca-bundle.crt\`. Or set \`HF_ENDPOINT\` to an internal mirror. Do not turn verification off.`;
  },
  match: facts => {
    const found = matchTexts(facts, tlsFailurePatterns, {
      taskOnly: true,
      task: task => isHuggingFaceTask(facts, task),
    });
    return found.length ? found : undefined;
  },
};

/** The Hugging Face repository (or revision) does not exist or is not visible. @public */
export const hfRepoNotFoundRule: DiagnosisRule = {
  code: 'hf-repo-not-found',
  title: 'The Hugging Face repository was not found',
  explanation: ({ facts, evidence }) => {
    const url = captureFromEvidence(
      evidence,
      /(https:\/\/huggingface\.co\/[^\s'"]+?)[.,]?(?:\s|$)/,
    );
    const revision = evidence.some(e =>
      [e.message, ...(e.logLines ?? [])].some(t =>
        /Revision ?Not ?Found/i.test(t ?? ''),
      ),
    );
    return `Hugging Face could not find ${repoText(facts)}${
      url ? ` (\`${url}\`)` : ''
    } in ${describeWhere(evidence)}: ${
      revision
        ? `the revision${
            facts.summary.keyParams.huggingFaceRevision
              ? ` \`${facts.summary.keyParams.huggingFaceRevision}\``
              : ''
          } does not exist in it`
        : 'the repository id is wrong (it is `organisation/name`, case-sensitive), or the repository is private and the token cannot see it'
    }.`;
  },
  remediation: ({ facts }) => {
    const repo = facts.summary.keyParams.huggingFaceRepo;
    const param = paramNameOf(facts, repo) ?? 'hf-repo';
    return `Correct param \`${param}\`${
      repo ? ` (now \`${repo}\`)` : ''
    } to the exact id shown on the model page, e.g. \`mistralai/Mistral-Small-24B-Instruct-2501\`. For a private repository, use a token of an account that is a member of its organisation.${tokenParams(
      facts,
    )}`;
  },
  match: facts => {
    const found = matchTexts(facts, hfRepoNotFoundPatterns, { taskOnly: true });
    return found.length ? found : undefined;
  },
};

/** The Hugging Face token is missing, invalid or has no access to a gated model. @public */
export const hfAuthFailedRule: DiagnosisRule = {
  code: 'hf-auth-failed',
  title: 'Hugging Face refused the token',
  explanation: ({ facts, evidence }) => {
    const gated = evidence.some(e =>
      [e.message, ...(e.logLines ?? [])].some(t => GATED.test(t ?? '')),
    );
    return `${capitalize(
      describeWhere(evidence),
    )} was refused by Hugging Face for ${repoText(facts)}: ${
      gated
        ? 'the model is gated and the token belongs to an account that has not been granted access (or no token was sent)'
        : 'the token is missing, revoked or mistyped (401)'
    }.${tokenParams(facts)}`;
  },
  remediation: ({ facts, evidence }) => {
    const repo = facts.summary.keyParams.huggingFaceRepo;
    const gated = evidence.some(e =>
      [e.message, ...(e.logLines ?? [])].some(t => GATED.test(t ?? '')),
    );
    const token = `create a token with read access (a fine-grained token needs "Read access to contents of all public gated repos you can access"), store it in the Secret the download task reads as \`HF_TOKEN\` and check that the service account (\`${serviceAccountPath(
      facts,
    )}\`) can mount it.`;
    return gated
      ? `Accept the model's licence on ${
          repo ? `https://huggingface.co/${repo}` : 'the model page'
        } with the account that owns the token and wait for the grant; ${token}`
      : `Replace the token: ${token}`;
  },
  match: facts => {
    const found = matchTexts(facts, hfAuthPatterns, {
      taskOnly: true,
      task: task => isHuggingFaceTask(facts, task),
      // A proxy refusing the tunnel answers 403 too; that is not Hugging Face.
      unless: [/ProxyError|Tunnel connection failed|proxy/i],
    });
    return found.length ? found : undefined;
  },
};

/** The Hugging Face CLI is not in the task image. @public */
export const hfCliMissingRule: DiagnosisRule = {
  code: 'hf-cli-missing',
  title: 'The Hugging Face CLI is not installed in the task image',
  explanation: ({ evidence }) =>
    `${capitalize(
      describeWhere(evidence),
    )} could not run the Hugging Face CLI: the shell did not find it on \`PATH\` (exit code 127 means "command not found"). The step image lacks \`huggingface_hub[cli]\`, installed it into a user directory that is not on \`PATH\`, or ships only the newer \`hf\` command.`,
  remediation: ({ evidence }) => {
    const task = evidenceTasks(evidence)[0] ?? 'download-model';
    return `Use a step image for \`${task}\` with the CLI installed (\`pip install -U "huggingface_hub[cli]"\` in the image build, not at run time), call it by full path, or switch the script to \`hf download <repo> --local-dir ...\` (huggingface_hub 0.34+ renamed \`huggingface-cli\` to \`hf\`). With a random UID, \`pip install --user\` goes to \`$HOME/.local/bin\`, which is not on \`PATH\`.`;
  },
  match: facts => {
    const found = matchTexts(facts, hfCliMissingPatterns, { taskOnly: true });
    if (found.length) {
      return found;
    }
    const exit127 = facts.failedTasks
      .filter(t => isHuggingFaceTask(facts, t))
      .flatMap(t =>
        t.failedSteps
          .filter(s => s.step.exitCode === 127)
          .map(s => ({
            source: 'termination' as const,
            task: t.task.name,
            step: s.step.name,
            exitCode: 127,
            ...(s.step.reason ? { reason: s.step.reason } : {}),
            ...(s.logLines.length ? { logLines: s.logLines.slice(-10) } : {}),
          })),
      );
    return exit127.length ? exit127 : undefined;
  },
};

/** Hugging Face refused more requests for a while (HTTP 429). @public */
export const hfRateLimitedRule: DiagnosisRule = {
  code: 'hf-rate-limited',
  title: 'Hugging Face rate-limited the download',
  explanation: ({ facts, evidence }) =>
    `${capitalize(
      describeWhere(evidence),
    )} was refused by Hugging Face with HTTP 429 (Too Many Requests) while downloading ${repoText(
      facts,
    )}: the Hub limits requests per token (and per IP address without a token). A model with many files, several runs at once, or a cluster whose egress IP is shared by many users reaches the limit.${tokenParams(
      facts,
    )}`,
  remediation: () =>
    'Wait a few minutes and re-run. Always download with a token (`HF_TOKEN`): anonymous requests share the IP address\'s small quota. Lower parallelism (`--max-workers 2`), download only the files needed (`--include "*.safetensors" "*.json"`), run fewer downloads at once, or mirror the model once to an internal store (`HF_ENDPOINT`) and build from there.',
  match: facts => {
    const found = matchTexts(facts, hfRateLimitPatterns, {
      taskOnly: true,
      task: task => isHuggingFaceTask(facts, task),
    });
    return found.length ? found : undefined;
  },
};
