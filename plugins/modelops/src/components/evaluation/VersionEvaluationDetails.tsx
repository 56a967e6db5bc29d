import { Link } from '@backstage/core-components';
import {
  Box,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import CheckIcon from '@material-ui/icons/Check';
import CloseIcon from '@material-ui/icons/Close';
import { VersionEvaluation } from '@private-ai/plugin-modelops-common';
import { formatAgo } from '../format';
import { formatMetric, isAccuracyMetric, metricLabel } from './metricNames';

const OPS: Record<string, string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
};

/** The thresholds of the gate, each with the measured value. */
export const GateChecks = ({ version }: { version: VersionEvaluation }) => {
  if (version.gate.checks.length === 0) return null;
  return (
    <Table size="small" aria-label="gate checks">
      <TableHead>
        <TableRow>
          <TableCell>Metric</TableCell>
          <TableCell>Threshold</TableCell>
          <TableCell>Measured</TableCell>
          <TableCell>Result</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {version.gate.checks.map(c => (
          <TableRow key={`${c.metric}${c.op}${c.value}`}>
            <TableCell>{metricLabel(c.metric)}</TableCell>
            <TableCell>
              {OPS[c.op]} {formatMetric(c.value)}
            </TableCell>
            <TableCell>
              {c.missing ? 'not measured' : formatMetric(c.actual)}
            </TableCell>
            <TableCell>
              {c.missing && '—'}
              {c.passed === true && (
                <CheckIcon
                  fontSize="small"
                  style={{ color: '#2e7d32' }}
                  aria-label="met"
                />
              )}
              {c.passed === false && (
                <CloseIcon
                  fontSize="small"
                  color="error"
                  aria-label="not met"
                />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** Accuracy (lm-eval) and serving performance (guidellm) of one version, and where they came from. */
export const VersionEvaluationDetails = ({
  version,
}: {
  version: VersionEvaluation;
}) => {
  const accuracy = version.accuracy.length
    ? version.accuracy
    : Object.entries(version.metrics)
        .filter(([k]) => isAccuracyMetric(k))
        .map(([task, value]) => ({
          task,
          metric: 'score',
          value,
          stderr: undefined,
          nShot: undefined,
        }));
  const performance = Object.entries(version.metrics).filter(
    ([k]) => !isAccuracyMetric(k),
  );
  return (
    <Box>
      {accuracy.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            Accuracy (lm-evaluation-harness)
          </Typography>
          <Table size="small" aria-label="accuracy">
            <TableHead>
              <TableRow>
                <TableCell>Task</TableCell>
                <TableCell>Metric</TableCell>
                <TableCell align="right">Value</TableCell>
                <TableCell align="right">± stderr</TableCell>
                <TableCell align="right">n-shot</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {accuracy.map(a => (
                <TableRow key={`${a.task}/${a.metric}`}>
                  <TableCell>{a.task}</TableCell>
                  <TableCell>{a.metric}</TableCell>
                  <TableCell align="right">
                    {a.value === null ? 'not a number' : formatMetric(a.value)}
                  </TableCell>
                  <TableCell align="right">{formatMetric(a.stderr)}</TableCell>
                  <TableCell align="right">{a.nShot ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {version.performance.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            Serving performance per load level (guidellm)
          </Typography>
          <Table size="small" aria-label="performance per load level">
            <TableHead>
              <TableRow>
                <TableCell>Level</TableCell>
                <TableCell align="right">Requests/s</TableCell>
                <TableCell align="right">TTFT mean / p90 / p99 (ms)</TableCell>
                <TableCell align="right">ITL mean / p90 (ms)</TableCell>
                <TableCell align="right">Latency p90 (ms)</TableCell>
                <TableCell align="right">Output tokens/s</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {version.performance.map((l, i) => (
                <TableRow key={i}>
                  <TableCell>
                    {l.strategy}
                    {l.rate !== undefined ? ` @ ${formatMetric(l.rate)}` : ''}
                  </TableCell>
                  <TableCell align="right">
                    {formatMetric(l.requestsPerSecond)}
                  </TableCell>
                  <TableCell align="right">
                    {formatMetric(l.ttftMs.mean)} / {formatMetric(l.ttftMs.p90)}{' '}
                    / {formatMetric(l.ttftMs.p99)}
                  </TableCell>
                  <TableCell align="right">
                    {formatMetric(l.itlMs.mean)} / {formatMetric(l.itlMs.p90)}
                  </TableCell>
                  <TableCell align="right">
                    {formatMetric(l.requestLatencyMs.p90)}
                  </TableCell>
                  <TableCell align="right">
                    {formatMetric(l.outputTokensPerSecond)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {version.performance.length === 0 && performance.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            Serving performance (guidellm)
          </Typography>
          <Table size="small" aria-label="performance">
            <TableBody>
              {performance.map(([key, value]) => (
                <TableRow key={key}>
                  <TableCell>{metricLabel(key)}</TableCell>
                  <TableCell align="right">{formatMetric(value)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2">Sources</Typography>
        {version.sources.length === 0 && (
          <Typography variant="body2">
            No evaluation results for this version in the registry or the run
            history.
          </Typography>
        )}
        {version.sources.map(s => (
          <Box key={s.label} mb={0.5}>
            <Typography variant="body2" component="span">
              {s.run ? <Link to="../pipeline-runs">{s.label}</Link> : s.label}
              {s.status ? ` (${s.status})` : ''}
              {s.at ? `, ${formatAgo(s.at)}` : ''}:{' '}
              {Object.keys(s.metrics).length} metrics
            </Typography>
            {!s.recognized && (
              <Chip
                size="small"
                label="format not recognized: raw data only"
                style={{ marginLeft: 8 }}
              />
            )}
            {s.problems.map(p => (
              <Typography
                key={p}
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {p}
              </Typography>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
};
