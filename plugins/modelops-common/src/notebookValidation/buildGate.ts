import {
  BuildGate,
  BuildGateProblem,
  NotebookBuild,
  NotebookJobPhase,
} from './types';
import { sameImage } from '../imageReference';

/** Phases in which the validation pod has started (or finished). */
const VALIDATING: NotebookJobPhase[] = [
  'ValidationRunning',
  'Succeeded',
  'Failed',
];

/** Input of {@link assessBuildGate}. @public */
export interface BuildGateInput {
  phase: NotebookJobPhase;
  /** `spec.podConfig.buildConfig.enabled`. */
  buildEnabled: boolean;
  build?: NotebookBuild;
  /** True when cell results exist (validation ran, whatever the phase says). */
  hasCellResults: boolean;
  /** The validation pod's start and image, when the pod was read. */
  pod?: { startedAt?: string; image?: string; imageID?: string };
}

/**
 * Whether validation waited for the custom image build and ran on the image it produced: the
 * race from the field where validation started on the base image before the build completed,
 * and failed on every notebook with custom dependencies.
 * @public
 */
export function assessBuildGate(input: BuildGateInput): BuildGate {
  const { build, pod } = input;
  const validationStarted =
    VALIDATING.includes(input.phase) ||
    input.hasCellResults ||
    !!pod?.startedAt;
  const base = {
    validationImage: pod?.image,
    validationStartedAt: pod?.startedAt,
  };
  if (!input.buildEnabled && !build) {
    return { state: 'not-required', ...base, problems: [] };
  }
  const problems: BuildGateProblem[] = [];
  const buildPhase = build?.phase ?? 'Pending';
  if (buildPhase === 'Failed') {
    problems.push({
      code: 'build-failed',
      message: `The custom image build${
        build?.buildName ? ` ${build.buildName}` : ''
      } failed${
        build?.message ? `: ${build.message}` : ''
      }. The notebook was not validated on its own image.`,
    });
  }
  const completedAt =
    buildPhase === 'Complete' ? build?.completedAt : undefined;
  if (
    validationStarted &&
    buildPhase !== 'Failed' &&
    buildPhase !== 'Complete'
  ) {
    problems.push({
      code: 'validation-before-build',
      message: `Validation started while the image build was ${buildPhase.toLowerCase()}: it ran on ${
        pod?.image ?? 'the base image'
      }, not on the custom image.`,
    });
  } else if (
    validationStarted &&
    completedAt &&
    pod?.startedAt &&
    Date.parse(pod.startedAt) < Date.parse(completedAt)
  ) {
    problems.push({
      code: 'validation-before-build',
      message: `Validation started at ${
        pod.startedAt
      }, before the image build completed at ${completedAt}: it ran on ${
        pod.image ?? 'another image'
      }, not on the custom image.`,
    });
  }
  if (
    buildPhase === 'Complete' &&
    build?.imageReference &&
    pod &&
    !sameImage(build.imageReference, pod)
  ) {
    problems.push({
      code: 'image-mismatch',
      message: `The validation pod ran ${
        pod.image ?? pod.imageID
      }, not the built image ${
        build.imageReference
      }: what was validated is not what will run.`,
    });
  }
  if (problems.length) return { state: 'failed', ...base, problems };
  if (buildPhase !== 'Complete') return { state: 'waiting', ...base, problems };
  return { state: 'ok', ...base, problems };
}
