import { digestOf, isoTime, lsTime } from '../ids';
import { PipelineTaskDefinition } from './pipelineDefinitions';
import { RunPlan, TaskPlan } from './runPlan';

/**
 * The log a step writes when it works, per task of the two pipelines: the commands the
 * tasks run (`id`, `huggingface-cli download`, buildah, `skopeo inspect`, `cp` + `skopeo
 * copy`, the Model Registry client, lm-eval, guidellm) and what they print.
 */

/** What a log writer gets. @public */
export interface LogContext {
  plan: RunPlan;
  task: PipelineTaskDefinition;
  taskPlan: TaskPlan;
  /** Start of the task, epoch ms. */
  startMs: number;
}

const WORKSPACE = '/workspace/shared';

function idLines(uid: number, gid: number): string[] {
  const groupName = gid === 0 ? 'root' : String(gid);
  const groups = gid === 0 ? `0(root),${uid}` : `${gid}(${groupName})`;
  return [
    '+ id',
    `uid=${uid}(${uid}) gid=${gid}(${groupName}) groups=${groups}`,
  ];
}

function uidOf(context: LogContext): { uid: number; gid: number } {
  const uid =
    context.taskPlan.uid ??
    context.plan.uid ??
    context.plan.securityContext?.runAsUser ??
    1000970000;
  const gid =
    context.taskPlan.gid ?? context.plan.securityContext?.fsGroup ?? 0;
  return { uid, gid };
}

function modelDir(plan: RunPlan): string {
  return `${WORKSPACE}/models/${plan.params['model-name'] ?? 'model'}`;
}

/** The digest the simulated build produced (the one its logs and results report). */
export function buildDigest(plan: RunPlan): string {
  return plan.digests?.build ?? digestOf(`${plan.name}/build`);
}

function fileCount(repo: string): number {
  return 10 + (repo.length % 17);
}

function archiveBytes(plan: RunPlan): number {
  const version = plan.params['version-name'] ?? '';
  return version.startsWith('full-fp16')
    ? 16106127360 + (plan.name.length % 7) * 1048576 * 311
    : 13421772800 + (plan.name.length % 5) * 1048576 * 97;
}

function humanSize(bytes: number): string {
  return `${Math.round(bytes / 1073741824)}G`;
}

function download(context: LogContext): Record<string, string[]> {
  const { plan, startMs } = context;
  const { uid, gid } = uidOf(context);
  const repo = plan.params['hf-repo'] ?? 'unknown/model';
  const revision = plan.params['hf-revision'] ?? 'main';
  const files = fileCount(repo);
  const minutes = Math.max(1, Math.round(context.taskPlan.durationSec / 60));
  return {
    download: [
      ...idLines(uid, gid),
      `+ huggingface-cli download ${repo} --revision ${revision} --local-dir ${modelDir(
        plan,
      )} --exclude '*.pth' 'original/*'`,
      `Fetching ${files} files:   0%|          | 0/${files} [00:00<?, ?it/s]`,
      `Downloading 'config.json' to '${modelDir(
        plan,
      )}/.cache/huggingface/download/config.json.incomplete'`,
      `Download complete. Moving file to ${modelDir(plan)}/config.json`,
      `Downloading 'model-00001-of-00005.safetensors' to '${modelDir(
        plan,
      )}/.cache/huggingface/download/model-00001-of-00005.safetensors.incomplete'`,
      `Fetching ${files} files: 100%|██████████| ${files}/${files} [${String(
        minutes,
      ).padStart(2, '0')}:12<00:00, 16.21s/it]`,
      modelDir(plan),
      `+ du -sh ${modelDir(plan)}`,
      `${humanSize(archiveBytes(plan) * 0.97)}\t${modelDir(plan)}`,
      `+ chmod -R g+rwX ${modelDir(plan)}`,
      `download finished at ${isoTime(
        startMs + context.taskPlan.durationSec * 1000,
      )}`,
    ],
  };
}

function build(context: LogContext): Record<string, string[]> {
  const { plan, startMs } = context;
  const { uid, gid } = uidOf(context);
  const digest = buildDigest(plan);
  const image = `${plan.params['internal-image']}:${plan.params['version-name']}`;
  const end = startMs + context.taskPlan.durationSec * 1000;
  const bytes = archiveBytes(plan);
  const group = gid === 0 ? 'root' : String(gid);
  return {
    build: [
      ...idLines(uid, gid),
      `+ buildah bud --storage-driver=vfs --format oci -f Containerfile.modelcar -t ${image} ${WORKSPACE}`,
      'STEP 1/3: FROM registry.access.redhat.com/ubi9/ubi-micro:9.5',
      `STEP 2/3: COPY --chmod=775 models/${
        plan.params['model-name'] ?? 'model'
      }/ /models/`,
      'STEP 3/3: USER 1001',
      `COMMIT oci-archive:${WORKSPACE}/oci/image.tar`,
      'Getting image source signatures',
      `Copying blob sha256:${digest.slice(7, 71).split('').reverse().join('')}`,
      `Copying blob sha256:${digestOf(`${plan.name}/layer`).slice(7)}`,
      `Copying config sha256:${digestOf(`${plan.name}/config`).slice(7)}`,
      'Writing manifest to image destination',
      `--> ${digest.slice(7, 19)}`,
      `+ ls -ld ${WORKSPACE}/oci ${WORKSPACE}/oci/image.tar`,
      `drwxrwsr-x. 2 ${uid} ${group} 4096 ${lsTime(end)} ${WORKSPACE}/oci`,
      `-rw-rw-r--. 1 ${uid} ${group} ${bytes} ${lsTime(
        end,
      )} ${WORKSPACE}/oci/image.tar`,
    ],
    inspect: [
      `+ skopeo inspect oci-archive:${WORKSPACE}/oci/image.tar`,
      '{',
      `    "Digest": "${digest}",`,
      '    "RepoTags": [],',
      `    "Created": "${isoTime(end)}",`,
      '    "Labels": {',
      '        "io.buildah.version": "1.37.5"',
      '    },',
      '    "Architecture": "amd64",',
      '    "Os": "linux",',
      '    "Layers": [',
      `        "sha256:${digest.slice(7, 71).split('').reverse().join('')}",`,
      `        "${digestOf(`${plan.name}/layer`)}"`,
      '    ]',
      '}',
      `+ echo -n ${digest} > /tekton/results/IMAGE_DIGEST`,
    ],
  };
}

function pushTarget(context: LogContext): {
  image: string;
  digest: string;
  internal: boolean;
} {
  const { plan, task } = context;
  const internal = task.name === 'push-to-internal';
  const repo = internal
    ? plan.params['internal-image']
    : plan.params['quay-image'];
  const digest =
    (internal ? plan.digests?.internal : plan.digests?.quay) ??
    buildDigest(plan);
  return { image: `${repo}:${plan.params['version-name']}`, digest, internal };
}

function push(context: LogContext): Record<string, string[]> {
  const { plan, startMs } = context;
  const { uid, gid } = uidOf(context);
  const { image, digest, internal } = pushTarget(context);
  const group =
    (context.plan.securityContext?.fsGroup ?? gid) === 0
      ? 'root'
      : String(context.plan.securityContext?.fsGroup ?? gid);
  return {
    push: [
      ...idLines(uid, gid),
      `+ ls -ld ${WORKSPACE}/oci ${WORKSPACE}/oci/image.tar`,
      `drwxrwsr-x. 2 1001 ${group} 4096 ${lsTime(
        startMs - 60000,
      )} ${WORKSPACE}/oci`,
      `-rw-rw-r--. 1 1001 ${group} ${archiveBytes(plan)} ${lsTime(
        startMs - 60000,
      )} ${WORKSPACE}/oci/image.tar`,
      `+ cp ${WORKSPACE}/oci/image.tar /var/tmp/push/image.tar`,
      internal
        ? '+ skopeo login --username serviceaccount --password-stdin image-registry.openshift-image-registry.svc:5000'
        : '+ skopeo login --authfile /workspace/quay-auth/.dockerconfigjson quay.io',
      'Login Succeeded!',
      `+ skopeo copy --digestfile /var/tmp/push/digest oci-archive:/var/tmp/push/image.tar docker://${image}`,
      'Getting image source signatures',
      `Copying blob sha256:${buildDigest(plan)
        .slice(7, 71)
        .split('')
        .reverse()
        .join('')}`,
      `Copying blob ${digestOf(`${plan.name}/layer`)}`,
      `Copying config ${digestOf(`${plan.name}/config`)}`,
      'Writing manifest to image destination',
      '+ cat /var/tmp/push/digest',
      digest,
      `+ echo -n ${digest} > /tekton/results/IMAGE_DIGEST`,
    ],
  };
}

function register(context: LogContext): Record<string, string[]> {
  const { plan } = context;
  const { uid, gid } = uidOf(context);
  const model = plan.params['model-name'];
  const version = plan.params['version-name'];
  const ids = plan.registered ?? {
    registeredModelId: '1',
    modelVersionId: '2',
  };
  const uri = `oci://${plan.params['quay-image']}@${
    plan.digests?.quay ?? buildDigest(plan)
  }`;
  return {
    register: [
      ...idLines(uid, gid),
      `+ python /scripts/register.py --model-name ${model} --version-name ${version} --uri ${uri}`,
      `INFO:model_registry:connecting to https://modelregistry-public-rest.apps.demo-cluster.example.com:443`,
      `INFO:register:registered model "${model}" has id ${ids.registeredModelId}`,
      `INFO:register:created model version "${version}" (id ${ids.modelVersionId}) with artifact ${uri}`,
      `INFO:register:custom properties written: hf_repo, hf_revision, image_digest, pipeline_run`,
    ],
  };
}

function lmEval(context: LogContext): Record<string, string[]> {
  const { plan } = context;
  const scores = plan.evaluation?.lmEval ?? {};
  const server = plan.params.vllm_model_name;
  const row = (task: string, metric: string, n: number) => {
    const value = (scores[task] ?? 0) / 100;
    return `|${task.padEnd(13)}|      1|none  |${String(n).padStart(
      6,
    )}|${metric.padEnd(8)}|↑  |${value.toFixed(4)}|±  |0.0${
      (task.length % 9) + 1
    }${(task.length % 7) + 2}|`;
  };
  return {
    'lm-eval': [
      `+ lm_eval --model local-completions --model_args model=${server},base_url=http://${server}-predictor.${plan.namespace}.svc.cluster.local:8080/v1/completions,num_concurrent=8,tokenized_requests=False --tasks mmlu,arc_challenge,hellaswag,gsm8k --batch_size auto --output_path /workspace/results`,
      `INFO ${isoTime(
        context.startMs,
      )} lm_eval.evaluator Building contexts for mmlu on rank 0...`,
      'INFO lm_eval.evaluator Task: ConfigurableTask(task_name=arc_challenge,output_type=multiple_choice,num_fewshot=25,num_samples=1172); document_count: 1172',
      `local-completions (model=${server}), gen_kwargs: (None), limit: None, num_fewshot: None, batch_size: auto`,
      '|    Tasks    |Version|Filter|n-shot| Metric |   |Value |   |Stderr|',
      '|-------------|------:|------|-----:|--------|---|-----:|---|-----:|',
      row('arc_challenge', 'acc_norm', 25),
      row('gsm8k', 'exact_match', 5),
      row('hellaswag', 'acc_norm', 10),
      row('mmlu', 'acc', 5),
      ...Object.entries(scores).map(
        ([key, value]) => `+ echo -n ${value} > /tekton/results/${key}`,
      ),
    ],
  };
}

function guidellm(context: LogContext): Record<string, string[]> {
  const { plan } = context;
  const m = plan.evaluation?.guidellm ?? {};
  const server = plan.params.vllm_model_name;
  return {
    guidellm: [
      `+ guidellm benchmark --target http://${server}-predictor.${plan.namespace}.svc.cluster.local:8080 --rate-type sweep --max-seconds 60 --data prompt_tokens=512,output_tokens=256`,
      'Benchmarks Stats:',
      'Metadata   | Request Stats         || Out Tok/sec| Tot Tok/sec| Req Latency (sec)  ||| TTFT (ms)       ||| ITL (ms)       |||',
      '  Benchmark| Per Second| Concurrency|        mean|        mean|  mean|  median|   p99| mean| median|  p99| mean| median| p99',
      `throughput |${(m.requests_per_second ?? 0)
        .toFixed(2)
        .padStart(11)}|       64.00|${(m.tps_mean ?? 0)
        .toFixed(1)
        .padStart(12)}|${((m.tps_mean ?? 0) * 3).toFixed(1).padStart(12)}|${(
        (m.e2e_p90 ?? 0) / 1000
      )
        .toFixed(2)
        .padStart(6)}|    ${((m.e2e_p90 ?? 0) / 1100).toFixed(2)}|  ${(
        (m.e2e_p90 ?? 0) / 900
      ).toFixed(2)}|${(m.ttft_mean ?? 0).toFixed(1).padStart(5)}|  ${(
        m.ttft_mean ?? 0
      ).toFixed(1)}| ${(m.ttft_p90 ?? 0).toFixed(1)}|${(m.itl_mean ?? 0)
        .toFixed(1)
        .padStart(5)}|    ${(m.itl_mean ?? 0).toFixed(1)}| ${(
        m.itl_p90 ?? 0
      ).toFixed(1)}`,
      ...Object.entries(m).map(
        ([key, value]) => `+ echo -n ${value} > /tekton/results/${key}`,
      ),
    ],
  };
}

function publish(context: LogContext): Record<string, string[]> {
  const { plan } = context;
  return {
    publish: [
      `+ python /scripts/publish_results.py --model-name ${plan.params.model_name} --version-name ${plan.params.version_name}`,
      `INFO:publish:found model version "${plan.params.version_name}" (id ${
        plan.registered?.modelVersionId ?? '?'
      }) of "${plan.params.model_name}"`,
      `INFO:publish:patched customProperties: ${Object.keys({
        ...(plan.evaluation?.lmEval ?? {}),
        ...(plan.evaluation?.guidellm ?? {}),
      }).join(', ')}`,
    ],
  };
}

const WRITERS: Record<
  string,
  (context: LogContext) => Record<string, string[]>
> = {
  'hf-download': download,
  'modelcar-build': build,
  'skopeo-push': push,
  'model-registry-register': register,
  'lm-eval': lmEval,
  'guidellm-benchmark': guidellm,
  'publish-eval-results': publish,
};

/** The log lines each step of a task writes when the task works. @public */
export function defaultStepLogs(context: LogContext): Record<string, string[]> {
  const writer = WRITERS[context.task.taskRef];
  return writer ? writer(context) : {};
}

/** The results a task writes when it works. @public */
export function defaultTaskResults(
  context: LogContext,
): Record<string, string> {
  const { plan, task } = context;
  switch (task.taskRef) {
    case 'modelcar-build':
      return {
        IMAGE_DIGEST: buildDigest(plan),
        IMAGE_URL: `${plan.params['internal-image']}:${plan.params['version-name']}`,
      };
    case 'skopeo-push': {
      const { image, digest } = pushTarget(context);
      return { IMAGE_DIGEST: digest, IMAGE_URL: `${image}@${digest}` };
    }
    case 'model-registry-register':
      return {
        REGISTERED_MODEL_ID: plan.registered?.registeredModelId ?? '',
        MODEL_VERSION_ID: plan.registered?.modelVersionId ?? '',
      };
    case 'lm-eval':
      return Object.fromEntries(
        Object.entries(plan.evaluation?.lmEval ?? {}).map(([k, v]) => [
          k,
          String(v),
        ]),
      );
    case 'guidellm-benchmark':
      return Object.fromEntries(
        Object.entries(plan.evaluation?.guidellm ?? {}).map(([k, v]) => [
          k,
          String(v),
        ]),
      );
    case 'publish-eval-results':
      return plan.registered
        ? { MODEL_VERSION_ID: plan.registered.modelVersionId }
        : {};
    default:
      return {};
  }
}
