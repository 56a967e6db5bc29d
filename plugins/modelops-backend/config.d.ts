import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  modelops?: {
    // `modelops.clusters`, `modelops.registry` and `modelops.tektonResults` are declared by
    // @private-ai/plugin-modelops-node, whose readers read them.
    /** Task names of the ModelCar stages, when a pipeline names them differently. */
    stages?: {
      download?: string[];
      build?: string[];
      pushInternal?: string[];
      pushQuay?: string[];
      register?: string[];
    };
    collector?: {
      /** How often runs are read from the clusters (default every 30 seconds). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Namespaces to read, and the only ones re-run and cancel act in; default all namespaces. */
      namespaces?: string[];
      /** Label selector the runs must match, e.g. `tekton.dev/pipeline in (modelcar-build-deploy-v2,model-evaluation)`. */
      labelSelector?: string;
      /** Page size of list calls (default 500). */
      pageSize?: number;
      /**
       * Keep the run and notebook validation history up to date by watching PipelineRuns,
       * TaskRuns, NotebookValidationJobs and their validation pods (list once, then watch)
       * instead of listing every object on `schedule` (default true). With it on, the full
       * lists run only every `fullResyncInterval`, as a safety net.
       */
      watch?: boolean;
      /** How often the full list runs while watching (default one hour). */
      fullResyncInterval?: HumanDuration | string;
      /**
       * Timeout of the leader's lock on the watch (default 30 seconds). The leader watches for
       * this minus 10 seconds, then takes the lock again; when a leader dies, another replica
       * takes over within about this timeout plus one minute (the scheduler's janitor period).
       */
      leaderLockTimeout?: HumanDuration | string;
      /**
       * How often run history is imported from the clusters' Tekton Results servers
       * (`modelops.tektonResults`; default every 5 minutes). Each import reads only records
       * updated since the last one.
       */
      resultsSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** The evaluation gate of model versions. */
    evaluation?: {
      /** Criteria per registered model (exact registry name), e.g. `mmlu>=75, ttft_p90<=300`. */
      thresholds?: Array<{ model: string; criteria: string }>;
      /** Criteria of models without their own. */
      defaultThresholds?: string;
    };
    logs?: {
      /** Largest log returned per container, in bytes (default 1 MiB). */
      maxBytes?: number;
    };
    /** Failure diagnosis. */
    diagnosis?: {
      /**
       * The failure-cause knowledge base: causes your team knows, tried before the
       * built-in rules. Every field of `match` must hold for the same failed task; an
       * entry with an unknown key, a missing text or a bad regular expression stops the
       * backend at start with the entry's index and field.
       */
      causes?: Array<{
        /** Stable id, lower-case letters, digits and dashes; shown as the diagnosis code. */
        id: string;
        /** One line, plain words. */
        title: string;
        /** What happened and why. */
        explanation: string;
        /** What to change. */
        fix: string;
        /** Link to the team's runbook. */
        link?: string;
        match: {
          /** Pipeline task name, Task name or stage (`download`, `build`, `push-internal`, ...). */
          task?: string;
          /** Step name, without the `step-` prefix. */
          step?: string;
          /** Exit code of the failed step. */
          exitCode?: number;
          /** Condition reason of the task or run, or of a pod condition (e.g. `PodAdmissionFailed`). */
          conditionReason?: string;
          /** Reason of an Event of the task's pod (e.g. `FailedScheduling`). */
          eventReason?: string;
          /** Regular expression (JavaScript syntax) tried on each log line and message of the task. */
          logPattern?: string;
        };
      }>;
    };
  };
}
