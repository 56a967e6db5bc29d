import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  ANNOTATION_EVALUATION_THRESHOLDS,
  EvaluationResponse,
} from '@private-ai/plugin-modelops-common';
import { GateStatus } from './GateStatus';
import { useEvaluations } from './useEvaluations';
import {
  GateChecks,
  VersionEvaluationDetails,
} from './VersionEvaluationDetails';

/** Where the thresholds came from, in words. */
export function thresholdsNote(response: EvaluationResponse): string {
  if (response.thresholdsSource === 'none')
    return `No thresholds are set for ${response.model.name} (annotation ${ANNOTATION_EVALUATION_THRESHOLDS} or modelops.evaluation.thresholds).`;
  const where =
    response.thresholdsSource === 'annotation'
      ? `the entity annotation ${ANNOTATION_EVALUATION_THRESHOLDS}`
      : 'the portal configuration';
  return `Thresholds from ${where}: ${response.thresholdsText ?? ''}`;
}

/**
 * The evaluation gate of a model version: pass / fail / not evaluated against the model's
 * thresholds, with lm-eval accuracy and guidellm performance and their sources.
 * @public
 */
export const EntityEvaluationGateCard = () => {
  const { value, loading, error } = useEvaluations();
  if (loading && !value) return <Progress />;
  if (error)
    return <ResponseErrorPanel error={error} title="Evaluation gate" />;
  if (!value) return null;
  const version = value.versions.find(v => v.versionName === value.focus);
  return (
    <InfoCard title="Evaluation gate" subheader={value.focus}>
      {value.registryError && (
        <Alert severity="warning" style={{ marginBottom: 8 }}>
          The Model Registry could not be read ({value.registryError}); numbers
          come from evaluation runs only.
        </Alert>
      )}
      {!version ? (
        <Typography variant="body2">
          Version {value.focus} is not in the registry of {value.model.name}.
        </Typography>
      ) : (
        <>
          <Box mb={1} aria-label="gate verdict">
            <Typography variant="h6" component="div">
              <GateStatus gate={version.gate} />
            </Typography>
            <Typography variant="body2">{version.gate.summary}</Typography>
          </Box>
          <GateChecks version={version} />
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            style={{ marginTop: 4 }}
          >
            {thresholdsNote(value)}
          </Typography>
          {value.thresholdProblems.map(p => (
            <Typography key={p} variant="caption" color="error" component="div">
              Threshold not read: {p}
            </Typography>
          ))}
          <VersionEvaluationDetails version={version} />
        </>
      )}
    </InfoCard>
  );
};
