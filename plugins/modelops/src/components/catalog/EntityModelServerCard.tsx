import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import {
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { makeStyles, Typography } from '@material-ui/core';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_REPLICAS,
  ANNOTATION_RUNTIME,
  ANNOTATION_SERVER_READY,
  ANNOTATION_SERVER_URL,
  ANNOTATION_STORAGE_URI,
  ANNOTATION_SERVER_DEPLOYMENT_MODE,
  KServeDeploymentMode,
  readinessRuleText,
  REQUIRED_READY_CONDITIONS,
} from '@private-ai/plugin-modelops-common';
import { annotation } from './annotations';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
  },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
}));

/** A model server: readiness from its conditions (with the failing ones' messages), URL, runtime, what it serves. @public */
export const EntityModelServerCard = () => {
  const classes = useStyles();
  const { entity } = useEntity();
  const ready =
    annotation(entity, ANNOTATION_SERVER_READY) ??
    'Unknown: not read from a cluster';
  const written = entity.metadata.annotations?.[
    ANNOTATION_SERVER_DEPLOYMENT_MODE
  ] as KServeDeploymentMode | undefined;
  const mode: KServeDeploymentMode =
    written && written in REQUIRED_READY_CONDITIONS ? written : 'Serverless';
  const versions = getEntityRelations(entity, 'dependsOn', {
    kind: 'resource',
  });
  return (
    <InfoCard title="Model server">
      <div className={classes.grid}>
        <Typography variant="body2" color="textSecondary">
          Readiness
        </Typography>
        <div>
          {ready === 'True' && (
            <StatusOK>
              Ready ({mode}: {readinessRuleText(mode)})
            </StatusOK>
          )}
          {ready.startsWith('False') && <StatusError>Not ready</StatusError>}
          {ready.startsWith('Unknown') && (
            <StatusPending>Unknown</StatusPending>
          )}
          {ready !== 'True' && (
            <Typography
              variant="body2"
              color={ready.startsWith('False') ? 'error' : 'textSecondary'}
            >
              {ready.replace(/^(False|Unknown): /, '')}
            </Typography>
          )}
        </div>
        <Typography variant="body2" color="textSecondary">
          URL
        </Typography>
        <Typography variant="body2" className={classes.mono}>
          {annotation(entity, ANNOTATION_SERVER_URL) ?? '—'}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Serves
        </Typography>
        <div>
          {versions.length ? (
            <EntityRefLinks entityRefs={versions} />
          ) : (
            <Typography variant="body2" color="error">
              no known model version
            </Typography>
          )}
        </div>
        <Typography variant="body2" color="textSecondary">
          Runtime
        </Typography>
        <Typography variant="body2">
          {annotation(entity, ANNOTATION_RUNTIME) ?? '—'}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Replicas
        </Typography>
        <Typography variant="body2">
          {annotation(entity, ANNOTATION_REPLICAS)?.replace(
            /^(\d+)-\1$/,
            '$1',
          ) ?? '—'}{' '}
          (min-max from the predictor spec)
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Storage
        </Typography>
        <Typography variant="body2" className={classes.mono}>
          {annotation(entity, ANNOTATION_STORAGE_URI) ?? '—'}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Cluster
        </Typography>
        <Typography variant="body2">
          {annotation(entity, ANNOTATION_CLUSTER) ?? '—'} /{' '}
          {entity.metadata.annotations?.[ANNOTATION_KUBERNETES_NAMESPACE] ??
            '—'}
        </Typography>
      </div>
    </InfoCard>
  );
};
