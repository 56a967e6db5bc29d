import { interpretPipelineRun } from './interpretPipelineRun';
import { interpretTaskRun } from './interpretTaskRun';
import { RunStatus } from './types';
import { diagnosePipelineRun } from '../diagnosis';
import {
  listFixtures,
  readJsonFixture,
  readYamlDocuments,
} from './__testUtils__/sharedFixtures';

/* Random deletion of fields and wrong types over every Tekton fixture: nothing throws. */

const STATUSES: RunStatus[] = [
  'Succeeded',
  'Failed',
  'Running',
  'Pending',
  'Cancelled',
  'TimedOut',
  'Unknown',
];

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRONG_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  Number.NaN,
  '',
  'Unknown',
  'toString',
  '__proto__',
  '[{"key":"IMAGE_DIGEST","value":{"nested":true},"type":1}]',
  'x'.repeat(10000),
  [],
  [null, 1, 'a'],
  {},
  { type: 'Succeeded', status: 'False' },
  true,
];

type Container = Record<string, unknown> | unknown[];

function containers(value: unknown, out: Container[] = []): Container[] {
  if (typeof value === 'object' && value !== null) {
    out.push(value as Container);
    for (const child of Object.values(value)) {
      containers(child, out);
    }
  }
  return out;
}

function mutate(original: unknown, random: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(original));
  const all = containers(copy);
  const edits = 1 + Math.floor(random() * 6);
  for (let i = 0; i < edits && all.length > 0; i++) {
    const target = all[Math.floor(random() * all.length)];
    const keys = Object.keys(target);
    if (keys.length === 0) continue;
    const key = keys[Math.floor(random() * keys.length)];
    if (random() < 0.4) {
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete (target as Record<string, unknown>)[key];
    } else {
      (target as Record<string, unknown>)[key] =
        WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)];
    }
  }
  return copy;
}

interface Case {
  name: string;
  run: unknown;
  taskRuns: unknown[];
  pods: unknown[];
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const file of listFixtures('tekton/status', ['.json', '.yaml'])) {
    if (file.endsWith('docs-matrix-pipelinerun-v1beta1-succeeded.yaml'))
      continue; // does not parse
    const docs = file.endsWith('.json')
      ? [readJsonFixture(file)]
      : readYamlDocuments(file);
    for (const doc of docs)
      cases.push({ name: file, run: doc, taskRuns: [doc], pods: [] });
  }
  for (const file of listFixtures('tekton/definitions', ['.yaml'])) {
    for (const doc of readYamlDocuments(file))
      cases.push({ name: file, run: doc, taskRuns: [], pods: [] });
  }
  for (const [file, key] of [
    ['janus-shared-react-1-pipelinesData.json', 'mockPLRResponseData'],
    ['janus-tekton-1-pipelinesData.json', 'mockKubernetesPlrResponse'],
    [
      'janus-tekton-1-pipelinesData-v1beta1-2023.json',
      'mockKubernetesPlrResponse',
    ],
  ]) {
    const data = readJsonFixture(`tekton/backstage-plugin-mocks/${file}`)[key];
    for (const run of data.pipelineruns) {
      cases.push({
        name: file,
        run,
        taskRuns: data.taskruns,
        pods: data.pods ?? [],
      });
    }
  }
  const pods = readJsonFixture(
    'tekton/backstage-plugin-mocks/janus-tekton-pods-data.json',
  );
  cases.push({
    name: 'pods-data',
    run: pods.testPipelineRun,
    taskRuns: [],
    pods: pods.testPods,
  });
  return cases;
}

describe('robustness over mutated fixtures', () => {
  const cases = loadCases();

  it('loads every Tekton fixture', () => {
    expect(cases.length).toBe(63);
  });

  it('never throws on random deletions and wrong types, and always gives a known status', () => {
    const random = mulberry32(20250130);
    let runs = 0;
    for (const testCase of cases) {
      for (let i = 0; i < 60; i++) {
        const run = mutate(testCase.run, random);
        const taskRuns = testCase.taskRuns.map(tr =>
          random() < 0.5 ? mutate(tr, random) : tr,
        );
        const pods = testCase.pods.map(p =>
          random() < 0.5 ? mutate(p, random) : p,
        );
        let summary;
        try {
          summary = interpretPipelineRun(run, taskRuns, {
            cluster: 'demo-cluster',
            pods,
          });
          for (const tr of taskRuns) {
            expect(STATUSES).toContain(interpretTaskRun(tr).status);
          }
          diagnosePipelineRun(run, taskRuns, pods, {
            logs: {
              [`${summary.tasks[0]?.taskRunName ?? 'x'}/step-main`]:
                'Permission denied /workspace/x\n',
            },
          });
        } catch (error) {
          throw new Error(
            `${testCase.name} mutation ${i} threw ${
              (error as Error).stack
            }\n${JSON.stringify(run).slice(0, 2000)}`,
          );
        }
        expect(STATUSES).toContain(summary.status);
        expect(() => JSON.stringify(summary)).not.toThrow();
        runs += 1;
      }
    }
    expect(runs).toBe(cases.length * 60);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'PipelineRun'],
    ['an array', [1, 2]],
    ['an empty object', {}],
    [
      'a Task',
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 't' },
        spec: { steps: [] },
      },
    ],
  ])('gives Unknown for %s', (_, value) => {
    const summary = interpretPipelineRun(value, undefined as any, {
      cluster: 'c',
    });
    expect(summary.status).toBe('Unknown');
    expect(summary.tasks).toEqual([]);
    expect(interpretTaskRun(value).status).toBe('Unknown');
    expect(
      diagnosePipelineRun(value, 'x' as any, 'y' as any, { logs: 'z' as any }),
    ).toBeUndefined();
  });

  it('survives a cyclic param value and options of the wrong type', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const run = {
      kind: 'PipelineRun',
      metadata: { name: 'r', labels: 'not-a-map', annotations: [1] },
      spec: {
        params: [{ name: 'p', value: cyclic }],
        taskRunTemplate: 'x',
        workspaces: {},
      },
      status: {
        conditions: 'no',
        childReferences: [null, { name: 5 }],
        taskRuns: [],
      },
    };
    const summary = interpretPipelineRun(run, [null, 'x'], {
      cluster: 5 as any,
      pods: 'x' as any,
    });
    expect(summary.params).toEqual({ p: '[unserialisable value]' });
    expect(summary.status).toBe('Pending');
    expect(summary.cluster).toBe('');
  });
});
