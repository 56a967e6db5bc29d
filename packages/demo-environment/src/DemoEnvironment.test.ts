import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DemoEnvironment, startDemoEnvironment } from './DemoEnvironment';
import { buildScenario } from './scenario/buildScenario';
import { DEMO_SECRET_VALUES } from './scenario/pipelineCredentials';
import { scenarioRuns } from './scenario/scenarioRuns';

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('demo environment over HTTP', () => {
  let env: DemoEnvironment;
  const k8s = (path: string, init: RequestInit = {}) =>
    fetch(`${env.kubernetes.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${env.kubernetesToken}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  const registry = (path: string) =>
    fetch(`${env.modelRegistry.url}/api/model_registry/v1alpha3${path}`, {
      headers: { authorization: `Bearer ${env.registryToken}` },
    });

  beforeAll(async () => {
    env = await startDemoEnvironment({ now: NOW, taskSeconds: 0 });
  });
  afterAll(() => env.stop());

  it('refuses requests without the bearer token, as the API server does', async () => {
    const response = await fetch(
      `${env.kubernetes.url}/apis/tekton.dev/v1/pipelineruns`,
    );
    expect(response.status).toBe(401);
    expect((await response.json()).kind).toBe('Status');
    const mr = await fetch(
      `${env.modelRegistry.url}/api/model_registry/v1alpha3/registered_models`,
    );
    expect(mr.status).toBe(401);
  });

  it('serves every scenario run as a tekton.dev/v1 PipelineRun with its TaskRuns', async () => {
    const list = await (
      await k8s('/apis/tekton.dev/v1/namespaces/private-ai/pipelineruns')
    ).json();
    expect(list.kind).toBe('PipelineRunList');
    const names = list.items.map((i: any) => i.metadata.name).sort();
    expect(names).toEqual(scenarioRuns.map(r => r.name).sort());
    const failed = list.items.find(
      (i: any) => i.metadata.name === 'mistral-24b-quantized-p3x9q',
    );
    expect(failed.status.conditions[0]).toMatchObject({
      type: 'Succeeded',
      status: 'False',
      reason: 'Failed',
    });
    expect(
      failed.status.childReferences.map((c: any) => c.pipelineTaskName),
    ).toEqual(['download-model', 'build-image', 'push-to-internal']);
    const taskRun = await (
      await k8s(
        '/apis/tekton.dev/v1/namespaces/private-ai/taskruns/mistral-24b-quantized-p3x9q-push-to-internal',
      )
    ).json();
    const failedStep = taskRun.status.steps.find(
      (s: any) => s.terminated?.exitCode,
    );
    expect(failedStep.terminated.exitCode).toBe(1);
  });

  it('serves what its clients read and nothing more: Tekton v1, no discovery, merge patches', async () => {
    const path =
      '/apis/tekton.dev/v1/namespaces/private-ai/pipelineruns/mistral-24b-quantized-wk62d';
    expect((await k8s(path)).status).toBe(200);
    for (const unserved of [
      path.replace('/v1/', '/v1beta1/'),
      '/version',
      '/api',
      '/apis',
      '/apis/tekton.dev/v1',
    ]) {
      const response = await k8s(unserved);
      expect({ unserved, status: response.status }).toEqual({
        unserved,
        status: 404,
      });
      expect((await response.json()).kind).toBe('Status');
    }
    const jsonPatch = await k8s(path, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([
        { op: 'add', path: '/spec/status', value: 'Cancelled' },
      ]),
    });
    expect(jsonPatch.status).toBe(415);
    expect((await (await k8s(path)).json()).spec.status).toBeUndefined();
  });

  it('filters by label selector and pages with limit and continue', async () => {
    const selector = encodeURIComponent(
      'backstage.io/kubernetes-id=mistral-small-24b-instruct,tekton.dev/pipeline=modelcar-build-deploy-v2',
    );
    const all = await (
      await k8s(`/apis/tekton.dev/v1/pipelineruns?labelSelector=${selector}`)
    ).json();
    expect(all.items).toHaveLength(
      scenarioRuns.filter(
        r =>
          r.entity === 'mistral-small-24b-instruct' &&
          r.pipeline === 'modelcar-build-deploy-v2',
      ).length,
    );
    const seen: string[] = [];
    let next = '';
    do {
      const page = await (
        await k8s(
          `/apis/tekton.dev/v1/pipelineruns?labelSelector=${selector}&limit=2${
            next ? `&continue=${encodeURIComponent(next)}` : ''
          }`,
        )
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i: any) => i.metadata.name));
      next = page.metadata.continue ?? '';
    } while (next);
    expect(seen.sort()).toEqual(
      all.items.map((i: any) => i.metadata.name).sort(),
    );
    const bad = await k8s(
      '/apis/tekton.dev/v1/pipelineruns?labelSelector=%3D%3Dbroken',
    );
    expect(bad.status).toBe(400);
  });

  it('selects Events by the object they are about, and refuses a field the kind does not select by (400)', async () => {
    const events = async (fieldSelector: string) => {
      const answer = await k8s(
        `/api/v1/namespaces/private-ai/events?fieldSelector=${encodeURIComponent(
          fieldSelector,
        )}`,
      );
      expect(answer.status).toBe(200);
      return (await answer.json()).items as any[];
    };
    const all = await events('');
    expect(all.length).toBeGreaterThan(0);
    const [event] = all;
    const pod = event.involvedObject.name;
    const byName = await events(`involvedObject.name=${pod}`);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every(e => e.involvedObject.name === pod)).toBe(true);
    expect(
      await events(`involvedObject.uid==${event.involvedObject.uid}`),
    ).toEqual(byName);
    expect(
      await events(`involvedObject.name=${pod},reason!=${event.reason}`),
    ).toEqual([]);
    expect(
      (await events('source=default-scheduler,type=Warning')).length,
    ).toBeGreaterThan(0);
    expect(await events('involvedObject.name=no-such-pod')).toEqual([]);

    for (const path of [
      '/api/v1/namespaces/private-ai/events?fieldSelector=spec.nodeName%3Dx',
      '/apis/tekton.dev/v1/namespaces/private-ai/pipelineruns?fieldSelector=involvedObject.name%3Dx',
      '/api/v1/namespaces/private-ai/events?fieldSelector=involvedObject.name',
    ]) {
      const bad = await k8s(path);
      expect(bad.status).toBe(400);
      expect((await bad.json()).reason).toBe('BadRequest');
    }
  });

  it('returns container logs of a failed step', async () => {
    const log = await (
      await k8s(
        '/api/v1/namespaces/private-ai/pods/mistral-24b-quantized-p3x9q-push-to-internal-pod/log?container=step-push',
      )
    ).text();
    expect(log).toContain('Permission denied');
  });

  it('serves NotebookValidationJobs over 11 waves in every phase', async () => {
    const list = await (
      await k8s(
        '/apis/mlops.mlops.dev/v1alpha1/namespaces/notebook-validation/notebookvalidationjobs',
      )
    ).json();
    const waves = new Set(
      list.items.map(
        (i: any) => i.metadata.labels['validation.mlops.dev/wave'],
      ),
    );
    expect(waves.size).toBe(11);
    const phases = new Set(list.items.map((i: any) => i.status.phase));
    for (const phase of [
      'Initializing',
      'Building',
      'BuildComplete',
      'ValidationRunning',
      'Succeeded',
      'Failed',
      'Pending',
      'Running',
    ]) {
      expect(phases).toContain(phase);
    }
    const buildFailed = list.items.find(
      (i: any) => i.status.buildStatus?.phase === 'Failed',
    );
    expect(buildFailed.status.phase).toBe('Failed');
    const failedCells = list.items
      .map(
        (i: any) =>
          i.status.results?.find((r: any) => r.status === 'Failure')
            ?.errorMessage,
      )
      .filter(Boolean);
    expect(failedCells).toEqual([
      "ModuleNotFoundError: No module named 'prophet'",
      "KeyError: 'lstm_autoencoder'",
    ]);
    const pods = await (
      await k8s(
        '/api/v1/namespaces/notebook-validation/pods?labelSelector=notebookvalidationjob%3Dwave4-ensemble-anomaly-methods',
      )
    ).json();
    expect(pods.items.map((p: any) => p.metadata.name)).toEqual([
      cellFailedPodName(list),
    ]);
  });

  it('serves InferenceServices ready and not ready', async () => {
    const list = await (
      await k8s(
        '/apis/serving.kserve.io/v1beta1/namespaces/private-ai/inferenceservices',
      )
    ).json();
    const ready = list.items.map(
      (i: any) =>
        i.status.conditions.find((c: any) => c.type === 'Ready').status,
    );
    expect(ready).toContain('True');
    expect(ready).toContain('False');
  });

  it('answers like the Model Registry: models, versions, paging and find by name', async () => {
    const models = await (
      await registry('/registered_models?pageSize=2')
    ).json();
    expect(models.items).toHaveLength(2);
    expect(models.nextPageToken).toBeTruthy();
    const rest = await (
      await registry(
        `/registered_models?pageSize=2&nextPageToken=${models.nextPageToken}`,
      )
    ).json();
    expect(rest.items.length).toBeGreaterThan(0);
    const mistral = await (
      await registry('/registered_model?name=Mistral-Small-24B-Instruct')
    ).json();
    expect(mistral.name).toBe('Mistral-Small-24B-Instruct');
    const versions = await (
      await registry(`/registered_models/${mistral.id}/versions`)
    ).json();
    const names: string[] = versions.items.map((v: any) => v.name);
    expect(names.some(n => /^quantized-w4a16-\d{8}-\d{4}$/.test(n))).toBe(true);
    expect(names.some(n => /^full-fp16-\d{8}-\d{4}$/.test(n))).toBe(true);
    const missing = await registry(
      '/registered_model?name=Mistral-Small-24B-Instruct-2501',
    );
    expect(missing.status).toBe(404);
  });

  it('creates a PipelineRun through the API (a re-run) and patches spec.status to cancel', async () => {
    const created = await k8s(
      '/apis/tekton.dev/v1/namespaces/private-ai/pipelineruns',
      {
        method: 'POST',
        body: JSON.stringify({
          apiVersion: 'tekton.dev/v1',
          kind: 'PipelineRun',
          metadata: {
            generateName: 'mistral-24b-quantized-',
            labels: {
              'backstage.io/kubernetes-id': 'mistral-small-24b-instruct',
            },
          },
          spec: { pipelineRef: { name: 'modelcar-build-deploy-v2' } },
        }),
      },
    );
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body.metadata.name).toMatch(/^mistral-24b-quantized-/);
    const patched = await k8s(
      `/apis/tekton.dev/v1/namespaces/private-ai/pipelineruns/${body.metadata.name}`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { status: 'Cancelled' } }),
      },
    );
    expect(patched.status).toBe(200);
    expect((await patched.json()).spec.status).toBe('Cancelled');
  });

  it('holds the service account and Secrets a ModelCar run needs, with fake values only', async () => {
    const sa = await k8s(
      '/api/v1/namespaces/private-ai/serviceaccounts/model-pipeline-sa',
    );
    expect(sa.status).toBe(200);
    const hf = await (
      await k8s('/api/v1/namespaces/private-ai/secrets/hf-token')
    ).json();
    expect(Buffer.from(hf.data.token, 'base64').toString()).toBe(
      DEMO_SECRET_VALUES.huggingFaceToken,
    );
    const quay = await (
      await k8s('/api/v1/namespaces/private-ai/secrets/quay-push-credentials')
    ).json();
    expect(quay.type).toBe('kubernetes.io/dockerconfigjson');
    expect(
      Buffer.from(quay.data['.dockerconfigjson'], 'base64').toString(),
    ).toContain('quay.io');
    expect(
      (await k8s('/api/v1/namespaces/private-ai/secrets/no-such-secret'))
        .status,
    ).toBe(404);
  });

  it('answers a dry run of a create without storing the object', async () => {
    const body = JSON.stringify({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'dry-run-only' },
      spec: { steps: [{ name: 's', image: 'ubi9' }] },
    });
    const dry = await k8s(
      '/apis/tekton.dev/v1/namespaces/private-ai/tasks?dryRun=All',
      { method: 'POST', body },
    );
    expect(dry.status).toBe(201);
    expect((await dry.json()).metadata.name).toBe('dry-run-only');
    expect(
      (
        await k8s(
          '/apis/tekton.dev/v1/namespaces/private-ai/tasks/dry-run-only',
        )
      ).status,
    ).toBe(404);
    const refused = await k8s(
      '/apis/tekton.dev/v1/namespaces/private-ai/pipelineruns?dryRun=All',
      {
        method: 'POST',
        body: JSON.stringify({
          apiVersion: 'tekton.dev/v1',
          kind: 'PipelineRun',
          metadata: { generateName: 'x-' },
          spec: {},
        }),
      },
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toContain(
      'expected exactly one, got neither',
    );
  });
});

describe('demo objects have the shape of real ones', () => {
  const fixture = (name: string) =>
    JSON.parse(
      readFileSync(
        resolve(__dirname, '../../../fixtures/tekton/status', name),
        'utf8',
      ),
    );
  const scenario = buildScenario(NOW);
  const succeeded = scenario.objects.find(
    o =>
      o.kind === 'PipelineRun' &&
      o.metadata.name === 'mistral-24b-quantized-wk62d',
  )!;
  const taskRun = scenario.objects.find(
    o =>
      o.kind === 'TaskRun' &&
      o.metadata.name === 'mistral-24b-quantized-wk62d-build-image',
  )!;

  it('a succeeded PipelineRun has the status fields of a real v1 PipelineRun (tekton chains fixture)', () => {
    const real = fixture('chains-pipelinerun-childrefs.json');
    const realKeys = Object.keys(real.status).filter(k => k !== 'results');
    expect(Object.keys(succeeded.status as object)).toEqual(
      expect.arrayContaining(realKeys),
    );
    const child = (succeeded.status as any).childReferences[0];
    expect(Object.keys(child).sort()).toEqual(
      Object.keys(real.status.childReferences[0]).sort(),
    );
    expect((succeeded.status as any).conditions[0]).toMatchObject({
      type: 'Succeeded',
      status: 'True',
      reason: 'Succeeded',
    });
  });

  it('a TaskRun has the status and step fields of a real v1 TaskRun', () => {
    const real = fixture('chains-taskrun1-succeeded.json');
    const realKeys = Object.keys(real.status).filter(k => k !== 'provenance');
    expect(Object.keys(taskRun.status as object)).toEqual(
      expect.arrayContaining(realKeys),
    );
    expect(Object.keys((taskRun.status as any).steps[0])).toEqual(
      expect.arrayContaining(Object.keys(real.status.steps[0])),
    );
  });
});

function cellFailedPodName(list: any): string {
  return list.items.find(
    (i: any) => i.metadata.name === 'wave4-ensemble-anomaly-methods',
  ).status.validationPodName;
}
