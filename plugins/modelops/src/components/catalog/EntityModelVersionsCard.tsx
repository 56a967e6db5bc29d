import {
  Entity,
  RELATION_DEPENDENCY_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Chip, Tooltip } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { findDigest } from '@private-ai/plugin-modelops-common';
import useAsync from 'react-use/esm/useAsync';
import { shortDigest } from '../format';
import { GateStatus } from '../evaluation/GateStatus';
import { useEvaluations } from '../evaluation/useEvaluations';
import {
  ANNOTATION_ARTIFACT_URI,
  ANNOTATION_AUTHOR,
  ANNOTATION_CREATED,
  ANNOTATION_MODEL_VERSION_ID,
  ANNOTATION_REGISTERED_MODEL_ID,
  ANNOTATION_REGISTRY,
  ANNOTATION_VERSION_NAME,
  ANNOTATION_VERSION_STATE,
} from '@private-ai/plugin-modelops-common';
import { annotation, warningsOf } from './annotations';

const servedBy = (version: Entity) =>
  (version.relations ?? [])
    .filter(
      r =>
        r.type === RELATION_DEPENDENCY_OF &&
        r.targetRef.startsWith('component:'),
    )
    .map(r => r.targetRef);

/** Versions of a registered model: state, author, created, image digest, where served, problems. @public */
export const EntityModelVersionsCard = () => {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const modelId = entity.metadata.annotations?.[ANNOTATION_REGISTERED_MODEL_ID];
  const registry = entity.metadata.annotations?.[ANNOTATION_REGISTRY];
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'Resource',
        'spec.type': 'ai-model-version',
        [`metadata.annotations.${ANNOTATION_REGISTERED_MODEL_ID}`]:
          modelId ?? '-',
        [`metadata.annotations.${ANNOTATION_REGISTRY}`]: registry ?? '-',
      },
    });
    return items.sort((a, b) =>
      (annotation(b, ANNOTATION_CREATED) ?? '').localeCompare(
        annotation(a, ANNOTATION_CREATED) ?? '',
      ),
    );
  }, [modelId, registry]);

  // The gate of each version; the table works without it (no registry configured for evaluations).
  const evaluations = useEvaluations();
  const gateOf = (v: Entity) =>
    evaluations.value?.versions.find(
      e =>
        e.versionId === v.metadata.annotations?.[ANNOTATION_MODEL_VERSION_ID],
    )?.gate;

  const columns: TableColumn<Entity>[] = [
    {
      title: 'Version',
      render: v => (
        <>
          <EntityRefLink
            entityRef={v}
            title={annotation(v, ANNOTATION_VERSION_NAME) ?? v.metadata.name}
          />{' '}
          {warningsOf(v).length > 0 && (
            <Tooltip title={warningsOf(v).join('; ')}>
              <WarningIcon
                fontSize="small"
                color="error"
                aria-label={`problems: ${warningsOf(v).join('; ')}`}
              />
            </Tooltip>
          )}
        </>
      ),
    },
    {
      title: 'State',
      render: v => (
        <Chip
          size="small"
          label={annotation(v, ANNOTATION_VERSION_STATE) ?? 'LIVE'}
          color={
            annotation(v, ANNOTATION_VERSION_STATE) === 'ARCHIVED'
              ? 'default'
              : 'primary'
          }
        />
      ),
    },
    { title: 'Author', render: v => annotation(v, ANNOTATION_AUTHOR) ?? '—' },
    {
      title: 'Created',
      render: v =>
        annotation(v, ANNOTATION_CREATED)?.replace('T', ' ').slice(0, 16) ??
        '—',
    },
    {
      title: 'Image',
      render: v => (
        <span title={annotation(v, ANNOTATION_ARTIFACT_URI)}>
          {annotation(v, ANNOTATION_ARTIFACT_URI)
            ? shortDigest(
                findDigest(annotation(v, ANNOTATION_ARTIFACT_URI)) ??
                  annotation(v, ANNOTATION_ARTIFACT_URI),
              )
            : 'no artifact'}
        </span>
      ),
    },
    {
      title: 'Evaluation',
      render: v => {
        if (evaluations.error)
          return <span title={evaluations.error.message}>unavailable</span>;
        const gate = gateOf(v);
        if (!gate) return evaluations.loading ? '…' : '—';
        return (
          <Tooltip title={gate.summary}>
            <span>
              <GateStatus gate={gate} />
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: 'Served by',
      render: v =>
        servedBy(v).length ? (
          <EntityRefLinks entityRefs={servedBy(v)} defaultKind="component" />
        ) : (
          '—'
        ),
    },
  ];

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <InfoCard title={`Versions (${value?.length ?? 0})`} noPadding>
      <Table<Entity>
        options={{
          paging: (value?.length ?? 0) > 10,
          pageSize: 10,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        data={value ?? []}
        columns={columns}
        emptyContent={
          <div style={{ padding: 16 }}>
            No versions of {stringifyEntityRef(entity)} in the registry.
          </div>
        }
      />
    </InfoCard>
  );
};
