import {
  interpretInferenceServiceReadiness,
  readinessAnnotationValue,
  readinessRuleText,
} from './inferenceServiceReadiness';
import { readJsonFixture } from '../tekton/__testUtils__/sharedFixtures';

const condition = (type: string, status = 'True', extra = {}) => ({
  lastTransitionTime: '2026-11-24T10:00:00Z',
  status,
  type,
  ...extra,
});

/**
 * A ModelMesh InferenceService with the status fields modelmesh-serving documents
 * (kserve/modelmesh-serving docs/predictors/inferenceservice-cr.md, commit 8b92f9e):
 * PredictorReady and Ready only, endpoints under components.predictor, and modelStatus.
 */
const modelMesh = (status: object) => ({
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: {
    name: 'example-sklearn-isvc',
    namespace: 'modelmesh-serving',
    annotations: { 'serving.kserve.io/deploymentMode': 'ModelMesh' },
  },
  status,
});
const modelMeshReady = modelMesh({
  components: {
    predictor: {
      grpcUrl: 'grpc://modelmesh-serving.modelmesh-serving:8033',
      restUrl: 'http://modelmesh-serving.modelmesh-serving:8008',
      url: 'grpc://modelmesh-serving.modelmesh-serving:8033',
    },
  },
  conditions: [condition('PredictorReady'), condition('Ready')],
  modelStatus: {
    copies: { failedCopies: 0, totalCopies: 1 },
    states: { activeModelState: 'Loaded', targetModelState: '' },
    transitionStatus: 'UpToDate',
  },
  url: 'grpc://modelmesh-serving.modelmesh-serving:8033',
});

describe('interpretInferenceServiceReadiness', () => {
  it('Serverless: the recorded ready InferenceService is ready', () => {
    const list = readJsonFixture(
      'kserve/status/skonto-isvc-list-serverless-pmml-ready.json',
    );
    const r = interpretInferenceServiceReadiness(list.items[0]);
    expect(r).toMatchObject({
      mode: 'Serverless',
      state: 'ready',
      reasons: [],
    });
    expect(r.url).toMatch(/^http/);
    expect(readinessAnnotationValue(r)).toBe('True');
  });

  it('Serverless: without IngressReady it is not ready, and says so', () => {
    const list = readJsonFixture(
      'kserve/status/skonto-isvc-list-serverless-pmml-ready.json',
    );
    const isvc = structuredClone(list.items[0]);
    isvc.status.conditions = isvc.status.conditions.filter(
      (c: any) => c.type !== 'IngressReady',
    );
    expect(interpretInferenceServiceReadiness(isvc)).toMatchObject({
      state: 'not-ready',
      reasons: ['IngressReady not reported'],
    });
  });

  it('an InferenceService being deleted with an empty status is unknown, never ready', () => {
    const r = interpretInferenceServiceReadiness(
      readJsonFixture('kserve/status/kserve-sdk-notebook-isvc-deleting.json'),
    );
    expect(r.state).toBe('unknown');
    expect(readinessAnnotationValue(r)).toBe(
      'Unknown: the InferenceService has no status yet',
    );
  });

  it('ModelMesh: PredictorReady and Ready (no IngressReady) is ready', () => {
    const r = interpretInferenceServiceReadiness(modelMeshReady);
    expect(r).toMatchObject({ mode: 'ModelMesh', state: 'ready' });
    expect(r.url).toBe('grpc://modelmesh-serving.modelmesh-serving:8033');
    expect(readinessRuleText('ModelMesh')).toBe(
      'PredictorReady and Ready are true',
    );
  });

  it('ModelMesh: a model that failed to load gives its cause from modelStatus', () => {
    const r = interpretInferenceServiceReadiness(
      modelMesh({
        conditions: [
          condition('PredictorReady', 'False', { reason: 'ModelLoadFailed' }),
          condition('Ready', 'False', { reason: 'ModelLoadFailed' }),
        ],
        modelStatus: {
          copies: { failedCopies: 1, totalCopies: 0 },
          states: {
            activeModelState: 'FailedToLoad',
            targetModelState: '',
          },
          transitionStatus: 'BlockedByFailedLoad',
          lastFailureInfo: {
            location: 'd8c9b5c9b-x7k2p',
            message:
              'Failed to pull model from storage due to error: no such key',
            modelRevisionName: 'example-sklearn-isvc__isvc-3d2daa3370',
            reason: 'ModelLoadFailed',
          },
        },
      }),
    );
    expect(r.state).toBe('not-ready');
    expect(readinessAnnotationValue(r)).toBe(
      'False: PredictorReady (ModelLoadFailed); Ready (ModelLoadFailed); model FailedToLoad; transition BlockedByFailedLoad; last failure ModelLoadFailed: Failed to pull model from storage due to error: no such key',
    );
  });

  it('ModelMesh: a new spec still loading says what is loading', () => {
    const r = interpretInferenceServiceReadiness(
      modelMesh({
        conditions: [
          condition('PredictorReady', 'False', { reason: 'Loading' }),
          condition('Ready', 'False'),
        ],
        modelStatus: {
          states: { activeModelState: 'Pending', targetModelState: 'Loading' },
          transitionStatus: 'InProgress',
        },
      }),
    );
    expect(r.reasons).toEqual([
      'PredictorReady (Loading)',
      'Ready',
      'model Pending',
      'target model Loading',
      'transition InProgress',
    ]);
  });

  it('RawDeployment: ready without IngressReady; IngressReady counts when reported', () => {
    const raw = (conditions: object[]) => ({
      metadata: {
        name: 'mnist',
        annotations: { 'serving.kserve.io/deploymentMode': 'RawDeployment' },
      },
      status: {
        url: 'http://mnist-predictor.private-ai.svc.cluster.local',
        conditions,
      },
    });
    expect(
      interpretInferenceServiceReadiness(
        raw([condition('PredictorReady'), condition('Ready')]),
      ),
    ).toMatchObject({ mode: 'RawDeployment', state: 'ready' });
    expect(
      interpretInferenceServiceReadiness(
        raw([
          condition('IngressReady', 'False', { reason: 'NoIngress' }),
          condition('PredictorReady'),
          condition('Ready'),
        ]),
      ).reasons,
    ).toEqual(['IngressReady (NoIngress)']);
    // newer KServe also writes the mode in status
    expect(
      interpretInferenceServiceReadiness({
        status: {
          deploymentMode: 'RawDeployment',
          url: 'http://x',
          conditions: [condition('PredictorReady'), condition('Ready')],
        },
      }).mode,
    ).toBe('RawDeployment');
  });

  it('ready conditions without a URL are not ready', () => {
    const isvc = structuredClone(modelMeshReady) as any;
    delete isvc.status.url;
    delete isvc.status.components;
    expect(interpretInferenceServiceReadiness(isvc).reasons).toEqual([
      'no URL set',
    ]);
  });
});
