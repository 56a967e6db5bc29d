import { ClusterReadStatus } from '../api';
import { NotebookJobSummary } from './types';

/**
 * A NotebookValidationJob in a list (the wave board): the summary without per-cell results,
 * diffs and conditions, which the job's own route returns.
 * @public
 */
export type NotebookJobListItem = Omit<
  NotebookJobSummary,
  'cells' | 'comparison' | 'modelValidation' | 'conditions'
> & {
  cells: Omit<NotebookJobSummary['cells'], 'results'> & {
    silentFailures: number;
  };
  comparison?: {
    result?: string;
    matchedCells?: number;
    mismatchedCells?: number;
  };
  modelValidation?: { success?: boolean };
};

/** Reduces a summary to its list item. @public */
export function toNotebookJobListItem(
  summary: NotebookJobSummary,
): NotebookJobListItem {
  const {
    cells,
    comparison,
    modelValidation,
    conditions: _conditions,
    ...rest
  } = summary;
  const { results, ...counts } = cells;
  return {
    ...rest,
    cells: {
      ...counts,
      silentFailures: results.filter(c => c.silentFailure).length,
    },
    comparison: comparison
      ? {
          result: comparison.result,
          matchedCells: comparison.matchedCells,
          mismatchedCells: comparison.mismatchedCells,
        }
      : undefined,
    modelValidation: modelValidation
      ? { success: modelValidation.success }
      : undefined,
  };
}

/** `GET /validations?entityRef=` of the ModelOps backend. @public */
export interface NotebookJobListResponse {
  /** The label selector used (from the entity's annotations). */
  selector: string;
  items: NotebookJobListItem[];
  totalCount: number;
  /** Outcome of the last collection per cluster. */
  clusters: ClusterReadStatus[];
}

/** Signal channel on which the collector announces changed NotebookValidationJobs. @public */
export const MODELOPS_VALIDATIONS_SIGNAL_CHANNEL = 'modelops:validations';
