import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { RunListItem } from '@private-ai/plugin-modelops-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { modelopsApiRef } from '../api/ModelOpsApi';
import { ClusterWarnings } from './ClusterWarnings';
import { RunDetailCache } from './RunDetailCache';
import { RunRow } from './RunRow';
import { useOpenRuns } from './useOpenRuns';
import { useRunPages } from './useRunPages';
import { useScrollAnchor } from './useScrollAnchor';
import { countOf } from './format';

/** Runs per request: one page is about 40 KB of JSON. */
const PAGE = 50;
/** Height of a closed run before it is measured. */
const ROW_ESTIMATE = 72;

const useStyles = makeStyles(theme => ({
  // The list scrolls in its own box so only the runs in view (and a few around) are mounted.
  scroller: {
    maxHeight: '75vh',
    overflowY: 'auto',
  },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    paddingBottom: theme.spacing(0.5),
  },
}));

const keyOf = (run: RunListItem) =>
  `${run.cluster}/${run.namespace}/${run.name}`;

/** The row after the loaded runs: the next page loading, or why it could not be loaded. */
const OlderRuns = (props: {
  loading: boolean;
  error?: Error;
  onRetry: () => void;
}) =>
  props.error ? (
    <Alert
      severity="error"
      action={<Button onClick={props.onRetry}>Retry</Button>}
    >
      Older runs could not be loaded: {props.error.message}
    </Alert>
  ) : (
    <Box py={2} textAlign="center">
      <Typography variant="body2" color="textSecondary">
        {props.loading ? 'Loading older runs…' : 'Older runs follow'}
      </Typography>
    </Box>
  );

/** The runs tab: every run of the entity, newest first, the newest failure opened. @public */
export const EntityModelOpsRunsContent = () => {
  const classes = useStyles();
  const api = useApi(modelopsApiRef);
  const entityRef = stringifyEntityRef(useEntity().entity);
  const runs = useRunPages(PAGE);
  const { first, items, hasMore, loadMore, loadingMore, loadMoreError } = runs;
  const scroller = useRef<HTMLDivElement>(null);
  const details = useMemo(() => new RunDetailCache(api), [api]);
  // Before the rows render: the open failure shows these details without asking for them.
  if (first?.newestFailure) details.prime(first.newestFailure);
  const open = useOpenRuns(
    entityRef,
    first && !runs.loading ? items : undefined,
    details,
  );
  const rowCount = items.length + (hasMore || loadMoreError ? 1 : 0);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: index =>
      index < items.length ? keyOf(items[index]) : 'older-runs',
    overscan: 5,
  });
  useScrollAnchor(
    virtualizer,
    scroller,
    items.length > 0 ? keyOf(items[0]) : undefined,
  );
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible[visible.length - 1]?.index ?? -1;
  // The row after the last run is in view: fetch the next page.
  useEffect(() => {
    if (hasMore && !loadMoreError && lastVisible >= items.length) loadMore();
  }, [hasMore, loadMoreError, lastVisible, items.length, loadMore]);

  if (runs.error && !first) return <ResponseErrorPanel error={runs.error} />;
  if (!first || !open.ready) return <Progress />;
  return (
    <Box>
      <ClusterWarnings clusters={first.clusters} />
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="baseline"
        my={1}
      >
        <Typography variant="h6">Pipeline runs</Typography>
        <Typography variant="body2" color="textSecondary">
          {first.totalCountCapped ? 'More than ' : ''}
          {countOf(first.totalCount, 'run')} matching{' '}
          <code>{first.selector}</code>
          {hasMore ? `, newest ${items.length} loaded` : ''}
        </Typography>
      </Box>
      {items.length === 0 ? (
        <EmptyState
          missing="data"
          title="No pipeline runs yet"
          description={`No Tekton PipelineRun matches ${first.selector} on the configured clusters.`}
        />
      ) : (
        <div
          ref={scroller}
          className={classes.scroller}
          role="list"
          aria-label="Pipeline runs"
        >
          <div
            style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          >
            {visible.map(row => (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className={classes.row}
                style={{ transform: `translateY(${row.start}px)` }}
                role="listitem"
              >
                {row.index < items.length ? (
                  <RunRow
                    run={items[row.index]}
                    onChanged={runs.retry}
                    details={details}
                    expanded={open.isOpen(items[row.index])}
                    onExpandedChange={opened =>
                      open.setOpen(items[row.index], opened)
                    }
                  />
                ) : (
                  <OlderRuns
                    loading={loadingMore}
                    error={loadMoreError}
                    onRetry={loadMore}
                  />
                )}
              </div>
            ))}
          </div>
        </div>
      )}
    </Box>
  );
};
