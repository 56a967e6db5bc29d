import {
  Entity,
  RELATION_DEPENDENCY_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { makeStyles, Typography } from '@material-ui/core';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import { PipelineRunSummary } from '@private-ai/plugin-modelops-common';
import { findDigest } from '@private-ai/plugin-modelops-common';
import useAsync from 'react-use/esm/useAsync';
import { modelopsApiRef } from '../../api/ModelOpsApi';
import { shortDigest } from '../format';
import { RunStatus } from '../RunStatus';
import {
  ANNOTATION_ARTIFACT_URI,
  ANNOTATION_CUSTOM_PROPERTIES,
  ANNOTATION_SERVER_READY,
  ANNOTATION_VERSION_NAME,
} from '@private-ai/plugin-modelops-common';
import { annotation } from './annotations';

const useStyles = makeStyles(theme => ({
  chain: {
    display: 'flex',
    alignItems: 'stretch',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  step: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 1.5),
    minWidth: 170,
    flex: '1 1 0',
  },
  arrow: { alignSelf: 'center', color: theme.palette.text.secondary },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  bad: { color: theme.palette.error.main, fontWeight: 700 },
  properties: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: 2,
    marginTop: theme.spacing(2),
  },
}));

const Step = ({
  title,
  children,
}: {
  title: string;
  children: React.ReactNode;
}) => {
  const classes = useStyles();
  return (
    <div className={classes.step} role="group" aria-label={title}>
      <Typography variant="overline" color="textSecondary" component="div">
        {title}
      </Typography>
      {children}
    </div>
  );
};

/** The version's custom properties from the registry, as a readable list (evaluation scores, hardware, …). */
const CustomProperties = ({ entity }: { entity: Entity }) => {
  const classes = useStyles();
  let properties: Record<string, string | number | boolean> = {};
  try {
    properties = JSON.parse(
      annotation(entity, ANNOTATION_CUSTOM_PROPERTIES) ?? '{}',
    );
  } catch {
    return null;
  }
  const entries = Object.entries(properties).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  if (entries.length === 0) return null;
  return (
    <div
      className={classes.properties}
      role="table"
      aria-label="custom properties"
    >
      <Typography variant="subtitle2" style={{ gridColumn: '1 / -1' }}>
        Registry properties
      </Typography>
      {entries.map(([key, value]) => (
        <div key={key} role="row" style={{ display: 'contents' }}>
          <Typography variant="body2" color="textSecondary" role="cell">
            {key.replace(/_/g, ' ')}
          </Typography>
          <Typography variant="body2" role="cell">
            {typeof value === 'number' && !Number.isInteger(value)
              ? value.toFixed(3)
              : String(value)}
          </Typography>
        </div>
      ))}
    </div>
  );
};

/**
 * Where a model version comes from and where it goes: Hugging Face source → the PipelineRun
 * that built it → the image digest in each registry → the registered version → the
 * InferenceServices serving it. @public
 */
export const EntityModelLineageCard = () => {
  const classes = useStyles();
  const { entity } = useEntity();
  const modelops = useApi(modelopsApiRef);
  const catalogApi = useApi(catalogApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const artifactUri = annotation(entity, ANNOTATION_ARTIFACT_URI);
  const artifactDigest = findDigest(artifactUri);

  const { value, loading, error } = useAsync(async () => {
    const runs = await modelops.listRuns(stringifyEntityRef(entity), {
      limit: 20,
    });
    const builds = runs.items.filter(r => r.kind === 'modelcar');
    const built = builds.find(r => r.status === 'Succeeded') ?? builds[0];
    const run: PipelineRunSummary | undefined = built
      ? await modelops.getRun(built)
      : undefined;
    const serverRefs = (entity.relations ?? [])
      .filter(
        r =>
          r.type === RELATION_DEPENDENCY_OF &&
          r.targetRef.startsWith('component:'),
      )
      .map(r => r.targetRef);
    const servers = serverRefs.length
      ? (
          await catalogApi.getEntitiesByRefs({ entityRefs: serverRefs })
        ).items.filter((e): e is Entity => !!e)
      : [];
    return { run, servers };
  }, [stringifyEntityRef(entity)]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const run = value?.run;
  const digests = run?.digests;
  const pushed = digests?.pushQuay ?? digests?.pushInternal;
  const registeredDiffers = !!(
    artifactDigest &&
    pushed &&
    artifactDigest !== pushed
  );
  const runsLink = `${entityRoute(entityRouteParams(entity))}/pipeline-runs`;
  let registryProperties: Record<string, unknown> = {};
  try {
    registryProperties = JSON.parse(
      annotation(entity, ANNOTATION_CUSTOM_PROPERTIES) ?? '{}',
    );
  } catch {
    registryProperties = {};
  }
  const sourceRepo =
    run?.keyParams.huggingFaceRepo ??
    (typeof registryProperties.hf_repo === 'string'
      ? registryProperties.hf_repo
      : undefined);

  return (
    <InfoCard title="Lineage" className="modelops-lineage">
      <div className={classes.chain}>
        <Step title="Source">
          <Typography variant="body2" className={classes.mono}>
            {sourceRepo ? (
              <Link to={`https://huggingface.co/${sourceRepo}`}>
                {sourceRepo}
              </Link>
            ) : (
              'unknown (no build run, no hf_repo property)'
            )}
          </Typography>
          {run?.keyParams.huggingFaceRevision && (
            <Typography variant="caption">
              revision {run.keyParams.huggingFaceRevision}
            </Typography>
          )}
        </Step>
        <ArrowForwardIcon className={classes.arrow} />
        <Step title="Built by">
          {run ? (
            <>
              <Typography variant="body2">
                <Link to={runsLink}>{run.name}</Link>
              </Typography>
              <RunStatus status={run.status} run={run} />
            </>
          ) : (
            <Typography variant="body2">
              No PipelineRun of this version on the configured clusters (pruned
              before the history began?)
            </Typography>
          )}
        </Step>
        <ArrowForwardIcon className={classes.arrow} />
        <Step title="Image digests">
          {(['build', 'pushInternal', 'pushQuay'] as const).map(key => (
            <Typography
              key={key}
              variant="body2"
              className={`${classes.mono} ${
                digests && !digests.consistent && digests[key] !== digests.build
                  ? classes.bad
                  : ''
              }`}
            >
              {
                { build: 'built', pushInternal: 'internal', pushQuay: 'Quay' }[
                  key
                ]
              }
              : {shortDigest(digests?.[key])}
            </Typography>
          ))}
        </Step>
        <ArrowForwardIcon className={classes.arrow} />
        <Step title="Registered">
          <Typography variant="body2">
            {annotation(entity, ANNOTATION_VERSION_NAME)}
          </Typography>
          <Typography
            variant="body2"
            className={`${classes.mono} ${
              registeredDiffers ? classes.bad : ''
            }`}
            title={artifactUri}
          >
            {artifactDigest
              ? shortDigest(artifactDigest)
              : artifactUri ?? 'no artifact'}
            {registeredDiffers && ' ≠ pushed image'}
          </Typography>
        </Step>
        <ArrowForwardIcon className={classes.arrow} />
        <Step title="Served by">
          {value?.servers.length ? (
            value.servers.map(server => {
              const ready =
                annotation(server, ANNOTATION_SERVER_READY) ?? 'Unknown';
              return (
                <div key={server.metadata.name}>
                  <EntityRefLink entityRef={server} />
                  {ready === 'True' && <StatusOK>Ready</StatusOK>}
                  {ready.startsWith('False') && (
                    <StatusError>Not ready</StatusError>
                  )}
                  {ready.startsWith('Unknown') && (
                    <StatusPending>Unknown</StatusPending>
                  )}
                </div>
              );
            })
          ) : (
            <Typography variant="body2">not served</Typography>
          )}
        </Step>
      </div>
      <CustomProperties entity={entity} />
    </InfoCard>
  );
};
