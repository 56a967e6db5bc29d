import { Entity, RELATION_DEPENDENCY_OF, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress, ResponseErrorPanel, StatusError, StatusOK, StatusPending } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink, entityRouteParams, entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import { makeStyles, Typography } from '@material-ui/core';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import { PipelineRunSummary } from '@private-ai/plugin-modelops-common';
import useAsync from 'react-use/esm/useAsync';
import { modelopsApiRef } from '../../api/ModelOpsApi';
import { shortDigest } from '../format';
import { RunStatus } from '../RunStatus';
import { annotation, digestOfUri } from './annotations';

const useStyles = makeStyles(theme => ({
  chain: { display: 'flex', alignItems: 'stretch', gap: theme.spacing(1), flexWrap: 'wrap' },
  step: { border: `1px solid ${theme.palette.divider}`, borderRadius: theme.shape.borderRadius, padding: theme.spacing(1, 1.5), minWidth: 170, flex: '1 1 0' },
  arrow: { alignSelf: 'center', color: theme.palette.text.secondary },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  bad: { color: theme.palette.error.main, fontWeight: 700 },
}));

const Step = ({ title, children }: { title: string; children: React.ReactNode }) => {
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
  const artifactUri = annotation(entity, 'artifact-uri');
  const artifactDigest = digestOfUri(artifactUri);

  const { value, loading, error } = useAsync(async () => {
    const runs = await modelops.listRuns(stringifyEntityRef(entity), { limit: 20 });
    const built = runs.items.find(r => r.status === 'Succeeded' && r.tasks.some(t => t.name.includes('build'))) ?? runs.items[0];
    const run: PipelineRunSummary | undefined = built ? await modelops.getRun(built) : undefined;
    const serverRefs = (entity.relations ?? []).filter(r => r.type === RELATION_DEPENDENCY_OF && r.targetRef.startsWith('component:')).map(r => r.targetRef);
    const servers = serverRefs.length ? (await catalogApi.getEntitiesByRefs({ entityRefs: serverRefs })).items.filter((e): e is Entity => !!e) : [];
    return { run, servers };
  }, [stringifyEntityRef(entity)]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const run = value?.run;
  const digests = run?.digests;
  const pushed = digests?.pushQuay ?? digests?.pushInternal;
  const registeredDiffers = !!(artifactDigest && pushed && artifactDigest !== pushed);
  const runsLink = `${entityRoute(entityRouteParams(entity))}/pipeline-runs`;

  return (
    <InfoCard title="Lineage" className="modelops-lineage">
      <div className={classes.chain}>
        <Step title="Source">
          <Typography variant="body2" className={classes.mono}>
            {run?.keyParams.huggingFaceRepo ? (
              <Link to={`https://huggingface.co/${run.keyParams.huggingFaceRepo}`}>{run.keyParams.huggingFaceRepo}</Link>
            ) : (
              'unknown (no build run found)'
            )}
          </Typography>
          {run?.keyParams.huggingFaceRevision && <Typography variant="caption">revision {run.keyParams.huggingFaceRevision}</Typography>}
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
            <Typography variant="body2">No PipelineRun of this version on the configured clusters (pruned before the history began?)</Typography>
          )}
        </Step>
        <ArrowForwardIcon className={classes.arrow} />
        <Step title="Image digests">
          {(['build', 'pushInternal', 'pushQuay'] as const).map(key => (
            <Typography key={key} variant="body2" className={`${classes.mono} ${digests && !digests.consistent && digests[key] !== digests.build ? classes.bad : ''}`}>
              {{ build: 'built', pushInternal: 'internal', pushQuay: 'Quay' }[key]}: {shortDigest(digests?.[key])}
            </Typography>
          ))}
        </Step>
        <ArrowForwardIcon className={classes.arrow} />
        <Step title="Registered">
          <Typography variant="body2">{annotation(entity, 'version-name')}</Typography>
          <Typography variant="body2" className={`${classes.mono} ${registeredDiffers ? classes.bad : ''}`} title={artifactUri}>
            {artifactDigest ? shortDigest(artifactDigest) : artifactUri ?? 'no artifact'}
            {registeredDiffers && ' ≠ pushed image'}
          </Typography>
        </Step>
        <ArrowForwardIcon className={classes.arrow} />
        <Step title="Served by">
          {value?.servers.length ? (
            value.servers.map(server => {
              const ready = annotation(server, 'server-ready') ?? 'Unknown';
              return (
                <div key={server.metadata.name}>
                  <EntityRefLink entityRef={server} />
                  {ready === 'True' && <StatusOK>Ready</StatusOK>}
                  {ready.startsWith('False') && <StatusError>Not ready</StatusError>}
                  {ready.startsWith('Unknown') && <StatusPending>Unknown</StatusPending>}
                </div>
              );
            })
          ) : (
            <Typography variant="body2">not served</Typography>
          )}
        </Step>
      </div>
    </InfoCard>
  );
};
