import { DiagnosisEvidence } from '../../tekton/types';
import { DiagnosisFacts, DiagnosisRule, TaskFacts } from '../types';
import {
  captureFromEvidence,
  capitalize,
  describeWhere,
  matchesAny,
  matchTexts,
} from '../matchers';

/*
 * Failures talking to a service: the Model Registry (refused duplicate, unreachable), an
 * image registry (unreachable) and the inference endpoint an evaluation measures. Which
 * service it was comes from the task's stage and the text around the error, never from
 * the error alone: "connection refused" means something different in each task.
 */

/** Network and TLS failures, worded by curl, Python requests/urllib3, aiohttp, httpx and Go. @public */
export const unreachablePatterns: readonly RegExp[] = Object.freeze([
  /connection refused|Connect call failed|\[Errno 111\]/i,
  /Cannot connect to host/i,
  /Failed to establish a new connection/i,
  /Couldn'?t connect to server|Failed to connect to \S+ port \d+/i,
  /Could not resolve host|Name or service not known|Temporary failure in name resolution|no such host|nodename nor servname|getaddrinfo failed|\[Errno -[23]\]/i,
  /No route to host|Network is unreachable/i,
  /x509: certificate|certificate verify failed|CERTIFICATE_VERIFY_FAILED|self[- ]signed certificate|unable to get local issuer certificate|SSL certificate problem|SSLCertVerificationError|tls: failed to verify certificate/i,
  /\b(Connect|Read)Timeout(Error)?\b|\bconnect(ion)? timed out\b|dial tcp [^ ]+: i\/o timeout/i,
  /\bConnectError\b|APIConnectionError|ClientConnectorError|ConnectionError\(/,
]);

/** TLS-specific wording, to explain the TLS case apart. @public */
export const tlsPatterns: readonly RegExp[] = Object.freeze([
  /x509|certificate verify failed|CERTIFICATE_VERIFY_FAILED|self[- ]signed certificate|unable to get local issuer certificate|SSL certificate problem|SSLCertVerificationError|tls: failed to verify/i,
]);

/** Text that shows a task talks to the Model Registry. @public */
export const modelRegistryContextPatterns: readonly RegExp[] = Object.freeze([
  /model[-_ ]?registry/i,
  /\/api\/model_registry\//i,
  /\b(Registered ?Model|Model ?Version|ModelArtifact)\b/i,
  /\bregister_model\b|\bupsert_model_version\b/i,
]);

/** Model Registry (REST, MLMD, MySQL/PostgreSQL behind it) refusing a name that exists. @public */
export const duplicateVersionPatterns: readonly RegExp[] = Object.freeze([
  /\b409\b[^\n]*\bConflict\b|\bConflict\b[^\n]*\b409\b|status(_code)?[=: ]+409\b|HTTP\/[\d.]+ 409/i,
  /\bALREADY_EXISTS\b|\bAlreadyExists\b/,
  // openapi-generator clients (the model-registry Python client): "ApiException: (409)", "Reason: Conflict".
  /Exception: \(409\)|^Reason: Conflict\b/,
  /\bduplicated? (name|entry|key|version)\b/i,
  /\balready exists\b/i,
  /Duplicate entry '[^']*' for key/i,
  /duplicate key value violates unique constraint/i,
  /UNIQUE constraint failed/i,
]);

/** "already exists" lines of healthy image pushes. */
const NOT_A_DUPLICATE_VERSION: readonly RegExp[] = Object.freeze([
  /(blob|layer|manifest|signature)s?\b[^\n]*already exists/i,
  /already exists[^\n]*(skipp|reus|mount)/i,
  /skipped: already exists|Layer already exists|Copying (blob|config)/i,
  /mkdir|File exists/i,
]);

/** Text that shows a task waits on or calls a served model (OpenAI-compatible API). @public */
export const inferenceContextPatterns: readonly RegExp[] = Object.freeze([
  /\/v1\/(chat\/)?completions|\/v1\/models|\/v2\/models|\/health\b|\/ready\b/i,
  /InferenceService|predictor|vllm|openai|local-completions|local-chat-completions|guidellm|lm_eval|lm-eval/i,
  /\bbase_url\b|--target\b|\btarget=/i,
]);

/** The served model answered "not ready" or not at all. @public */
export const endpointUnavailablePatterns: readonly RegExp[] = Object.freeze([
  /\b503\b|Service Unavailable|\b502\b|Bad Gateway|\b504\b|Gateway Time-?out/i,
  /no healthy upstream|upstream connect error|Application is not available/i,
  /InternalServerError: Error code: 5\d\d|APIStatusError|ServiceUnavailableError/i,
  /Server disconnected|RemoteProtocolError|ServerDisconnectedError/i,
  ...unreachablePatterns,
]);

const REGISTRY_STAGES = ['register', 'publish'];
const PUSH_STAGES = ['push-internal', 'push-quay'];
const EVAL_STAGES = ['lm-eval', 'guidellm'];

function taskTalksTo(
  facts: DiagnosisFacts,
  task: TaskFacts,
  stages: readonly string[],
  context: readonly RegExp[],
): boolean {
  if (task.task.stage && stages.includes(task.task.stage)) {
    return true;
  }
  return facts.texts.some(
    t => t.task === task.task.name && matchesAny(t.text, context),
  );
}

function hostOf(evidence: DiagnosisEvidence[]): string | undefined {
  return (
    captureFromEvidence(
      evidence,
      /Cannot connect to host ([\w.-]+(?::\d+)?)/i,
    ) ??
    captureFromEvidence(evidence, /https?:\/\/([\w.-]+(?::\d+)?)/i) ??
    captureFromEvidence(evidence, /host='([\w.-]+)'/i) ??
    captureFromEvidence(
      evidence,
      /dial tcp:? (?:lookup )?([\w.-]+(?::\d+)?)/i,
    ) ??
    captureFromEvidence(evidence, /Failed to connect to ([\w.-]+)/i) ??
    captureFromEvidence(evidence, /resolve host:? '?([\w.-]+)/i)
  );
}

function isTls(evidence: DiagnosisEvidence[]): boolean {
  return evidence.some(e =>
    [e.message, ...(e.logLines ?? [])].some(t =>
      matchesAny(t ?? '', tlsPatterns),
    ),
  );
}

function unreachableText(evidence: DiagnosisEvidence[]): string {
  const host = hostOf(evidence);
  return `${host ? `\`${host}\`` : 'the service'} ${
    isTls(evidence)
      ? "presented a TLS certificate the task does not trust (signed by a CA the image does not have, typically the cluster's service CA or a corporate one)"
      : 'could not be reached: nothing answered at that address (connection refused, unknown host name or timeout)'
  }`;
}

/** The Model Registry refused to register a version whose name already exists. @public */
export const registryVersionExistsRule: DiagnosisRule = {
  code: 'registry-version-exists',
  title: 'The Model Registry already has this version',
  explanation: ({ facts, evidence }) => {
    const version = facts.summary.keyParams.versionName;
    const model = facts.summary.keyParams.registeredModelName;
    return `${capitalize(
      describeWhere(evidence),
    )} was refused by the Model Registry: ${
      version ? `version \`${version}\`` : 'the version'
    }${
      model ? ` of \`${model}\`` : ''
    } is already registered (HTTP 409 / unique name). Version names are unique per model, so a re-run of the same build, or two runs started with the same version name, collide. The image was built and pushed; only the registration failed.`;
  },
  remediation: ({ facts }) =>
    `Give the run a new \`version_name\` (the convention appends a timestamp, e.g. \`quantized-w4a16-<yyyymmddhhmm>\`)${
      facts.summary.keyParams.versionName
        ? ` instead of \`${facts.summary.keyParams.versionName}\``
        : ''
    }, or, if the existing version is this very build, skip registration. Do not delete the registered version if an InferenceService uses it.`,
  match: facts => {
    const found = matchTexts(facts, duplicateVersionPatterns, {
      taskOnly: true,
      unless: NOT_A_DUPLICATE_VERSION,
      task: t =>
        taskTalksTo(facts, t, REGISTRY_STAGES, modelRegistryContextPatterns),
    });
    return found.length ? found : undefined;
  },
};

/** The Model Registry could not be reached (network, DNS, TLS). @public */
export const modelRegistryUnreachableRule: DiagnosisRule = {
  code: 'model-registry-unreachable',
  title: 'The Model Registry could not be reached',
  explanation: ({ evidence }) =>
    `${capitalize(
      describeWhere(evidence),
    )} called the Model Registry, but ${unreachableText(evidence)}.`,
  remediation: ({ evidence }) =>
    isTls(evidence)
      ? 'Mount the CA that signed the registry certificate in the step (OpenShift: a ConfigMap annotated `service.beta.openshift.io/inject-cabundle: "true"` for the service CA, or labelled `config.openshift.io/inject-trusted-cabundle: "true"` for the cluster proxy CA) and point `REQUESTS_CA_BUNDLE`/`SSL_CERT_FILE` at it. Do not turn verification off.'
      : 'Check the URL the task uses (the REST service is `<name>-rest` or the route, port 8443/443 with TLS, path `/api/model_registry/v1alpha3`), that the registry pods are running (`oc get pods -n rhoai-model-registries`), and that a NetworkPolicy lets the pipeline namespace reach it.',
  match: facts => {
    const found = matchTexts(facts, unreachablePatterns, {
      taskOnly: true,
      task: t =>
        taskTalksTo(facts, t, REGISTRY_STAGES, modelRegistryContextPatterns),
    });
    return found.length ? found : undefined;
  },
};

/** An image registry could not be reached from a push task. @public */
export const imageRegistryUnreachableRule: DiagnosisRule = {
  code: 'image-registry-unreachable',
  title: 'The image registry could not be reached',
  explanation: ({ evidence }) =>
    `${capitalize(describeWhere(evidence))} could not push: ${unreachableText(
      evidence,
    )}.`,
  remediation: ({ evidence }) =>
    isTls(evidence)
      ? "Trust the registry's CA in the push step (mount the cluster's trusted CA bundle and pass `--cert-dir` to skopeo/buildah, or add the CA to the image's trust store). For the internal registry use the service name with the service CA. Do not use `--tls-verify=false` in production."
      : 'Check the registry host in the image param, DNS and the egress proxy (`HTTPS_PROXY`/`NO_PROXY` in the step), and that the registry is up. On a disconnected cluster push to the mirror registry instead.',
  match: facts => {
    const found = matchTexts(facts, unreachablePatterns, {
      taskOnly: true,
      task: t =>
        (t.task.stage !== undefined && PUSH_STAGES.includes(t.task.stage)) ||
        /push/i.test(t.task.name),
    });
    return found.length ? found : undefined;
  },
};

/** The served model an evaluation measures did not answer (not ready, 503, refused). @public */
export const inferenceEndpointUnavailableRule: DiagnosisRule = {
  code: 'inference-endpoint-unavailable',
  title: 'The served model did not answer the evaluation',
  explanation: ({ facts, evidence }) => {
    const server = facts.summary.keyParams.vllmModelName;
    return `${capitalize(
      describeWhere(evidence),
    )} could not get answers from the inference endpoint${
      server ? ` of InferenceService \`${server}\`` : ''
    }: it answered "not available" (503/502) or not at all. The model server was not ready (still loading weights, scaled to zero, restarting after an out-of-memory) when the evaluation ran; the task is not at fault.`;
  },
  remediation: ({ facts }) => {
    const server = facts.summary.keyParams.vllmModelName ?? '<isvc>';
    const ns = facts.summary.namespace || '<namespace>';
    return `Check the InferenceService is Ready and stays so (\`oc get isvc ${server} -n ${ns}\`, predictor pod restarts and logs). Start the evaluation once it is Ready (wait on \`oc wait --for=condition=Ready isvc/${server}\`, not on a fixed number of retries), and set \`minReplicas: 1\` so it is not scaled to zero.`;
  },
  match: facts => {
    const found = matchTexts(facts, endpointUnavailablePatterns, {
      taskOnly: true,
      task: t =>
        taskTalksTo(facts, t, EVAL_STAGES, []) ||
        facts.texts.some(
          x =>
            x.task === t.task.name &&
            x.source === 'log' &&
            matchesAny(x.text, inferenceContextPatterns.slice(0, 1)),
        ),
    });
    return found.length ? found : undefined;
  },
};
