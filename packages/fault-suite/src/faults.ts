import { Fault, FAULTS } from './startFaultProxy';

/** One row of the fault matrix: a fault and the words the error must carry. */
export interface FaultCase {
  name: string;
  fault: Fault;
  /** What the Model Registry client's error says. */
  registry: string;
  /** What the cluster client's error says. */
  cluster: string;
}

/** The faults of issue 12, each with what the clients must say about it. @public */
export const FAULT_CASES: FaultCase[] = [
  {
    name: '404 (wrong base path)',
    fault: FAULTS.notFound,
    registry: 'HTTP 404 for a list (is the base URL right?',
    cluster: 'HTTP 404 (not found)',
  },
  {
    name: '200 {}',
    fault: FAULTS.emptyObject,
    registry: 'unexpected answer: "items" is missing',
    cluster: "unexpected answer: the answer's kind is undefined",
  },
  {
    name: '200 {"items":null}',
    fault: FAULTS.itemsNull,
    registry: 'unexpected answer: "items" is not a list (null)',
    cluster: "unexpected answer: the answer's kind is undefined",
  },
  {
    name: '200 {"kind":"PipelineRunList","items":null}',
    fault: { kind: 'json', body: { kind: 'PipelineRunList', items: null } },
    registry: 'unexpected answer: "items" is not a list (null)',
    cluster: 'unexpected answer: "items" is not a list (null)',
  },
  {
    name: '500',
    fault: FAULTS.serverError,
    registry: 'HTTP 500',
    cluster: 'HTTP 500',
  },
  {
    name: '200 HTML (a sign-in page)',
    fault: FAULTS.html,
    registry: 'the answer is not JSON',
    cluster: 'the answer is not JSON',
  },
  {
    name: 'connection reset',
    fault: FAULTS.reset,
    registry: 'unreachable (',
    cluster: 'unreachable (',
  },
  {
    name: 'hang (no answer)',
    fault: FAULTS.hang,
    registry: 'no answer within 1000 ms',
    cluster: 'no answer within 1000 ms',
  },
  {
    name: 'partial page (page 2 fails)',
    fault: { kind: 'partial-page', then: FAULTS.serverError },
    registry: 'HTTP 500',
    cluster: 'HTTP 500',
  },
  {
    name: 'partial page (continue token expired, 410)',
    fault: {
      kind: 'partial-page',
      then: {
        kind: 'status',
        status: 410,
        contentType: 'application/json',
        body: JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Expired',
          code: 410,
          message:
            'The provided continue parameter is too old to display a consistent list result.',
        }),
      },
    },
    registry: 'HTTP 410',
    cluster: 'HTTP 410 (the continue token expired',
  },
];
