import { FakeCluster } from '../kubernetes/FakeCluster';
import { typeKeyOf } from '../kubernetes/resourceTypes';
import { KubeObject, StoreEvent } from '../kubernetes/types';
import { buildPipelineRun } from './tekton/buildPipelineRun';
import { pipelineDefinitions } from './tekton/pipelineDefinitions';
import { RunPlan } from './tekton/runPlan';

const PIPELINE_RUNS = typeKeyOf({
  group: 'tekton.dev',
  plural: 'pipelineruns',
});
const TASK_RUNS = typeKeyOf({ group: 'tekton.dev', plural: 'taskruns' });
const PODS = typeKeyOf({ group: '', plural: 'pods' });
const CANCEL_STATES = ['Cancelled', 'CancelledRunFinally', 'StoppedRunFinally'];
const GAP_SECONDS = 7;

/** Options of {@link RunSimulator}. @public */
export interface RunSimulatorOptions {
  /** Wall-clock seconds a simulated task takes. */
  taskSeconds: number;
  now?: () => number;
  /**
   * Called when a run's `register-model` task finishes: registers the build and returns the
   * ids the task reports. A throw fails the task (and the run) with the error's message.
   */
  register?: (plan: RunPlan) => {
    registeredModelId: string;
    modelVersionId: string;
  };
}

interface DrivenRun {
  plan: RunPlan;
  /** Wall-clock ms the running task started (for the simulated duration). */
  taskStartedAt: number;
  /** The spec to keep (runs created through the API keep theirs). */
  spec?: unknown;
  metadata?: KubeObject['metadata'];
}

/**
 * Moves running PipelineRuns forward the way the Tekton controller does: one task after
 * the other every `taskSeconds`, TaskRuns, pods and logs included. Also picks up
 * PipelineRuns created through the API (a re-run, a new pipeline) and honours
 * `spec.status: Cancelled` patches. Only runs of the demo pipelines are driven; a
 * PipelineRun naming a Pipeline that does not exist fails as Tekton fails it.
 * @public
 */
export class RunSimulator {
  private readonly runs = new Map<string, DrivenRun>();
  private readonly now: () => number;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private applying = false;

  constructor(
    private readonly cluster: FakeCluster,
    private readonly options: RunSimulatorOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Drives a running plan (the scenario's running run). */
  drive(plan: RunPlan): void {
    this.runs.set(`${plan.namespace}/${plan.name}`, {
      plan: { ...plan, tasks: { ...plan.tasks } },
      taskStartedAt: this.now(),
    });
  }

  /** Number of runs being driven. */
  get activeRuns(): number {
    return this.runs.size;
  }

  start(intervalMs = 1000): void {
    this.unsubscribe = this.cluster.objects.subscribe(event =>
      this.onEvent(event),
    );
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  private onEvent(event: StoreEvent): void {
    if (this.applying || event.typeKey !== PIPELINE_RUNS) return;
    const object = event.object;
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    if (event.type === 'DELETED') {
      this.runs.delete(key);
      return;
    }
    const driven = this.runs.get(key);
    const specStatus = (object.spec as { status?: string } | undefined)?.status;
    if (driven && specStatus && CANCEL_STATES.includes(specStatus)) {
      this.cancel(driven, specStatus, object);
      return;
    }
    if (event.type === 'ADDED' && !object.status) {
      queueMicrotask(() => this.adopt(object));
    }
  }

  /** Starts driving a PipelineRun created through the API. */
  adopt(object: KubeObject): void {
    const spec = (object.spec ?? {}) as {
      pipelineRef?: { name?: string };
      params?: Array<{ name: string; value: unknown }>;
      status?: string;
    };
    const namespace = object.metadata.namespace ?? 'default';
    const pipelineName = spec.pipelineRef?.name ?? '';
    const pipeline = pipelineDefinitions[pipelineName];
    const startMs = this.now();
    if (!pipeline) {
      const at = new Date(startMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
      this.write(() =>
        this.cluster.objects.update(PIPELINE_RUNS, {
          ...object,
          status: {
            startTime: at,
            completionTime: at,
            conditions: [
              {
                type: 'Succeeded',
                status: 'False',
                reason: 'CouldntGetPipeline',
                message: `Error retrieving pipeline for pipelinerun ${namespace}/${object.metadata.name}: pipelines.tekton.dev "${pipelineName}" not found`,
                lastTransitionTime: at,
              },
            ],
          },
        }),
      );
      return;
    }
    const params: Record<string, string> = {};
    for (const p of spec.params ?? []) params[p.name] = String(p.value);
    const first = pipeline.tasks[0];
    const plan: RunPlan = {
      name: object.metadata.name,
      namespace,
      pipeline,
      entity: object.metadata.labels?.['backstage.io/kubernetes-id'] ?? '',
      params,
      startMs,
      status: 'Running',
      serviceAccountName: 'model-pipeline-sa',
      securityContext: { fsGroup: 1001, runAsUser: 1001 },
      tasks: {
        [first.name]: { status: 'Running', startSec: 3, durationSec: 0 },
      },
      startedBy:
        object.metadata.annotations?.['pipeline.openshift.io/started-by'],
    };
    const driven: DrivenRun = {
      plan,
      taskStartedAt: startMs,
      spec: object.spec,
      metadata: object.metadata,
    };
    this.runs.set(`${namespace}/${plan.name}`, driven);
    this.apply(driven);
  }

  /** Advances every driven run whose running task has taken `taskSeconds`. */
  tick(): void {
    const now = this.now();
    for (const [key, driven] of this.runs) {
      if (now - driven.taskStartedAt < this.options.taskSeconds * 1000)
        continue;
      const { plan } = driven;
      const order = plan.pipeline.tasks.map(t => t.name);
      const runningName = order.find(n => plan.tasks[n]?.status === 'Running');
      const sec = Math.max(0, Math.round((now - plan.startMs) / 1000));
      if (runningName) {
        const task = plan.tasks[runningName];
        const refused =
          runningName === 'register-model' ? this.register(plan) : undefined;
        if (refused) {
          const step =
            plan.pipeline.tasks.find(t => t.name === runningName)?.steps[0]
              ?.name ?? 'register';
          plan.tasks[runningName] = {
            ...task,
            status: 'Failed',
            durationSec: Math.max(1, sec - task.startSec),
            step,
            stepEnd: { exitCode: 1, reason: 'Error', message: refused },
            logs: {
              [step]: [
                `+ python /scripts/register.py --model-name ${plan.params['model-name']} --version-name ${plan.params['version-name']}`,
                `ERROR:register:${refused}`,
              ],
            },
            rewriteLogs: undefined,
          };
          plan.status = 'Failed';
          plan.finishSec = sec + 2;
          this.runs.delete(key);
          driven.taskStartedAt = now;
          this.apply(driven);
          continue;
        }
        plan.tasks[runningName] = {
          ...task,
          status: 'Succeeded',
          durationSec: Math.max(1, sec - task.startSec),
          step: undefined,
          rewriteLogs: undefined,
        };
      }
      const next = order.find(n => !plan.tasks[n]);
      if (next) {
        plan.tasks[next] = {
          status: 'Running',
          startSec: sec + GAP_SECONDS,
          durationSec: 0,
        };
      } else {
        plan.status = 'Succeeded';
        plan.finishSec = sec + 2;
        this.runs.delete(key);
      }
      driven.taskStartedAt = now;
      this.apply(driven);
    }
  }

  /** Registers the build of a finished `register-model` task; the refusal's message, if any. */
  private register(plan: RunPlan): string | undefined {
    if (!this.options.register || plan.registered) return undefined;
    try {
      plan.registered = this.options.register(plan);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  private cancel(
    driven: DrivenRun,
    specStatus: string,
    object: KubeObject,
  ): void {
    const { plan } = driven;
    const sec = Math.max(0, Math.round((this.now() - plan.startMs) / 1000));
    for (const [name, task] of Object.entries(plan.tasks)) {
      if (task.status === 'Running' || task.status === 'Pending') {
        plan.tasks[name] = {
          ...task,
          status: 'Cancelled',
          durationSec: Math.max(1, sec - task.startSec),
          reason: 'TaskRunCancelled',
          message: `TaskRun "${plan.name}-${name}" was cancelled. TaskRun cancelled as the PipelineRun it belongs to has been cancelled.`,
        };
      }
    }
    plan.status = 'Cancelled';
    plan.specStatus = specStatus;
    plan.finishSec = sec;
    driven.spec = object.spec;
    driven.metadata = object.metadata;
    this.runs.delete(`${plan.namespace}/${plan.name}`);
    queueMicrotask(() => this.apply(driven));
  }

  private write<T>(fn: () => T): T {
    this.applying = true;
    try {
      return fn();
    } finally {
      this.applying = false;
    }
  }

  private apply(driven: DrivenRun): void {
    const built = buildPipelineRun(driven.plan);
    this.write(() => {
      const current = this.cluster.objects.get(
        PIPELINE_RUNS,
        driven.plan.namespace,
        driven.plan.name,
      );
      if (!current) {
        this.runs.delete(`${driven.plan.namespace}/${driven.plan.name}`);
        return;
      }
      const uid = current.metadata.uid ?? built.pipelineRun.metadata.uid;
      const metadata = driven.metadata ?? current.metadata;
      this.cluster.objects.update(PIPELINE_RUNS, {
        ...built.pipelineRun,
        metadata: {
          ...metadata,
          labels: { ...built.pipelineRun.metadata.labels, ...metadata.labels },
          annotations: {
            ...built.pipelineRun.metadata.annotations,
            ...metadata.annotations,
          },
        },
        spec: driven.spec ?? current.spec ?? built.pipelineRun.spec,
      });
      for (const taskRun of built.taskRuns) {
        taskRun.metadata.ownerReferences =
          taskRun.metadata.ownerReferences?.map(ref => ({ ...ref, uid: uid! }));
        taskRun.metadata.labels = {
          ...taskRun.metadata.labels,
          'tekton.dev/pipelineRunUID': uid!,
        };
        this.cluster.objects.upsert(TASK_RUNS, taskRun);
      }
      for (const pod of built.pods) this.cluster.objects.upsert(PODS, pod);
      for (const log of built.logs)
        this.cluster.logs.set(log.namespace, log.pod, log.container, log.text);
    });
  }
}
