/*
 * Test-only: reads the diagnosis corpus. A case is a folder with `case.yaml` (the expected
 * cause, the run as a compact spec or the path of recorded upstream objects, pods and
 * events) and its step logs as `<task>.<step>.log` files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  buildPod,
  buildRun,
  logKey,
  RunSpec,
} from '../__fixtures__/modelCarRun';
import {
  readJsonFixture,
  readYamlFixture,
} from '../../tekton/__testUtils__/sharedFixtures';

export const CORPUS_DIR = path.join(__dirname, '../__fixtures__/corpus');

export interface CorpusCase {
  name: string;
  /** Expected cause id, or `none` for a healthy run. */
  expected: string;
  note?: string;
  pipelineRun: unknown;
  taskRuns: unknown[];
  pods: unknown[];
  events: unknown[];
  logs: Record<string, string>;
}

interface CaseFile {
  expected: string;
  note?: string;
  apiVersion?: 'tekton.dev/v1' | 'tekton.dev/v1beta1';
  run?: RunSpec & { completionTime?: string };
  /** Recorded upstream objects (paths under the repo's fixtures/). */
  upstream?: {
    file: string;
    /** Key path to `{ pipelineruns, taskruns, pods }` in the file, e.g. `mockKubernetesPlrResponse`. */
    at?: string;
    pipelineRun?: string;
    taskRuns?: string[];
  };
  pods?: Record<string, Record<string, unknown>>;
  events?: Array<{
    task: string;
    kind?: 'Pod' | 'TaskRun';
    type?: string;
    reason: string;
    message: string;
    count?: number;
  }>;
}

function readFixture(file: string): any {
  return file.endsWith('.json') ? readJsonFixture(file) : readYamlFixture(file);
}

/** The same run as a tekton.dev/v1beta1 controller writes it: `status.taskRuns` map, `taskResults`. */
function toV1beta1(built: { pipelineRun: any; taskRuns: any[] }) {
  const pr = structuredClone(built.pipelineRun);
  pr.apiVersion = 'tekton.dev/v1beta1';
  const template = pr.spec.taskRunTemplate ?? {};
  delete pr.spec.taskRunTemplate;
  pr.spec.serviceAccountName = template.serviceAccountName;
  if (template.podTemplate) pr.spec.podTemplate = template.podTemplate;
  pr.spec.timeout = pr.spec.timeouts?.pipeline;
  delete pr.spec.timeouts;
  const taskRuns = built.taskRuns.map(tr => {
    const copy = structuredClone(tr);
    copy.apiVersion = 'tekton.dev/v1beta1';
    if (copy.status.results) {
      copy.status.taskResults = copy.status.results;
      delete copy.status.results;
    }
    return copy;
  });
  pr.status.taskRuns = Object.fromEntries(
    taskRuns.map(tr => [
      tr.metadata.name,
      {
        pipelineTaskName: tr.metadata.labels['tekton.dev/pipelineTask'],
        status: tr.status,
      },
    ]),
  );
  delete pr.status.childReferences;
  return { pipelineRun: pr, taskRuns };
}

export function loadCorpus(): CorpusCase[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .filter(name => fs.existsSync(path.join(CORPUS_DIR, name, 'case.yaml')))
    .sort()
    .map(name => loadCase(name));
}

function loadCase(name: string): CorpusCase {
  const dir = path.join(CORPUS_DIR, name);
  const spec = parse(
    fs.readFileSync(path.join(dir, 'case.yaml'), 'utf8'),
  ) as CaseFile;
  let pipelineRun: any;
  let taskRuns: any[];
  let pods: unknown[] = [];
  let runName: string;
  if (spec.upstream) {
    let data = readFixture(spec.upstream.file);
    for (const key of spec.upstream.at?.split('.') ?? []) data = data[key];
    if (spec.upstream.pipelineRun) {
      pipelineRun = data.pipelineruns.find(
        (r: any) => r.metadata.name === spec.upstream!.pipelineRun,
      );
      taskRuns = data.taskruns ?? [];
      pods = data.pods ?? [];
    } else {
      pipelineRun = data;
      taskRuns = (spec.upstream.taskRuns ?? []).map(readFixture);
    }
    runName = pipelineRun.metadata?.name ?? name;
  } else {
    runName = spec.run?.name ?? name;
    let built: { pipelineRun: any; taskRuns: any[] } = buildRun({
      ...spec.run!,
      name: runName,
    });
    if (spec.run?.completionTime) {
      built.pipelineRun.status.completionTime = spec.run.completionTime;
    }
    if (spec.apiVersion === 'tekton.dev/v1beta1') built = toV1beta1(built);
    pipelineRun = built.pipelineRun;
    taskRuns = built.taskRuns;
  }
  for (const [task, status] of Object.entries(spec.pods ?? {})) {
    pods.push(buildPod(`${runName}-${task}`, status));
  }
  const events = (spec.events ?? []).map((e, i) => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${runName}.${i}`, namespace: 'private-ai' },
    involvedObject: {
      kind: e.kind ?? 'Pod',
      name:
        (e.kind ?? 'Pod') === 'Pod'
          ? `${runName}-${e.task}-pod`
          : `${runName}-${e.task}`,
      namespace: 'private-ai',
    },
    type: e.type ?? 'Warning',
    reason: e.reason,
    message: e.message,
    count: e.count ?? 1,
    lastTimestamp: '2025-01-30T10:20:00Z',
  }));
  const logs: Record<string, string> = {};
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.log'))) {
    const [task, step] = file.replace(/\.log$/, '').split('.');
    logs[logKey(runName, task, step)] = fs.readFileSync(
      path.join(dir, file),
      'utf8',
    );
  }
  return {
    name,
    expected: spec.expected,
    note: spec.note,
    pipelineRun,
    taskRuns,
    pods,
    events,
    logs,
  };
}
