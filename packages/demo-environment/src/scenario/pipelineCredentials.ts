import { KubeObject } from '../kubernetes/types';
import { isoTime } from './ids';

/**
 * The fake values in the demo's Secrets. Obviously not credentials; tests scan every file a
 * template writes for them, to prove that only Secret names leave the cluster.
 * @public
 */
export const DEMO_SECRET_VALUES = Object.freeze({
  huggingFaceToken: 'hf_demo_NOT_A_REAL_TOKEN_0000',
  quayPassword: 'demo-NOT-A-REAL-QUAY-PASSWORD',
});

/** Name of the Secret with the Quay push credentials ModelCar runs bind as `quay-auth`. @public */
export const QUAY_PUSH_SECRET = 'quay-push-credentials';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * What a ModelCar run needs in its namespace besides the Pipeline: the service account its
 * tasks run as, the Secret with the Hugging Face token (key `token`) and the Quay push
 * credentials (`kubernetes.io/dockerconfigjson`).
 * @public
 */
export function pipelineCredentialObjects(
  namespace: string,
  createdMs: number,
): KubeObject[] {
  const creationTimestamp = isoTime(createdMs);
  const dockerConfig = {
    auths: {
      'quay.io': {
        auth: b64(`private-ai+pipeline:${DEMO_SECRET_VALUES.quayPassword}`),
      },
    },
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'model-pipeline-sa', namespace, creationTimestamp },
      secrets: [{ name: QUAY_PUSH_SECRET }],
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'hf-token', namespace, creationTimestamp },
      type: 'Opaque',
      data: { token: b64(DEMO_SECRET_VALUES.huggingFaceToken) },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: QUAY_PUSH_SECRET, namespace, creationTimestamp },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': b64(JSON.stringify(dockerConfig)) },
    },
  ];
}
