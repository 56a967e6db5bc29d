import { Box, Paper, Typography, useTheme } from '@material-ui/core';
import { EvaluationResponse } from '@private-ai/plugin-modelops-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMetric, isAccuracyMetric, metricLabel } from './metricNames';

const OPS: Record<string, string> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
};
/** Metrics charted when no thresholds name any. */
const DEFAULT_METRICS = [
  'overall_average',
  'mmlu',
  'ttft_p90',
  'itl_p90',
  'requests_per_second',
  'tps_mean',
];

/** `quantized-w4a16-20261118-1701` → `w4a16 1118-1701`: short enough for an axis tick. */
export function shortVersion(name: string): string {
  return name
    .replace(/^(quantized|full)-/, '')
    .replace(/-\d{4}(\d{4}-\d{4})$/, ' $1');
}

/** The metrics worth a chart: those with thresholds first, then the headline ones measured. */
export function chartedMetrics(
  response: EvaluationResponse,
  max = 6,
): string[] {
  const measured = new Set(
    response.versions.flatMap(v => Object.keys(v.metrics)),
  );
  const ordered = [
    ...response.thresholds.map(t => t.metric),
    ...DEFAULT_METRICS,
  ].filter(m => measured.has(m));
  return [...new Set(ordered)].slice(0, max);
}

/**
 * One small chart per metric across the model's versions (oldest to newest), with the
 * threshold as a dashed line: the trend of accuracy and performance at a glance.
 */
export const TrendCharts = ({ response }: { response: EvaluationResponse }) => {
  const theme = useTheme();
  const evaluated = response.versions.filter(
    v => Object.keys(v.metrics).length > 0,
  );
  const metrics = chartedMetrics(response);
  if (evaluated.length === 0 || metrics.length === 0) {
    return (
      <Typography variant="body2">
        No version of {response.model.name} has evaluation results yet.
      </Typography>
    );
  }
  const data = evaluated.map(v => ({ version: v.versionName, ...v.metrics }));
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 16 }}
      aria-label="trend across versions"
    >
      {metrics.map(metric => {
        const threshold = response.thresholds.find(t => t.metric === metric);
        const color = isAccuracyMetric(metric)
          ? theme.palette.primary.main
          : theme.palette.secondary.main;
        return (
          <Paper
            key={metric}
            variant="outlined"
            style={{ padding: 8 }}
            role="figure"
            aria-label={`${metricLabel(metric)} across versions`}
          >
            <Typography variant="subtitle2">
              {metricLabel(metric)}
              {threshold
                ? ` · threshold ${OPS[threshold.op]} ${formatMetric(
                    threshold.value,
                  )}`
                : ''}
            </Typography>
            <LineChart
              width={340}
              height={180}
              data={data}
              margin={{ top: 8, right: 44, bottom: 4, left: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="version"
                tick={{ fontSize: 10 }}
                interval={0}
                tickFormatter={shortVersion}
              />
              <YAxis
                tick={{ fontSize: 10 }}
                domain={['auto', 'auto']}
                width={48}
              />
              <Tooltip formatter={(value: number) => formatMetric(value)} />
              {threshold && (
                <ReferenceLine
                  y={threshold.value}
                  stroke={theme.palette.error.main}
                  strokeDasharray="6 3"
                />
              )}
              <Line
                type="linear"
                dataKey={metric}
                stroke={color}
                strokeWidth={2}
                dot={{ r: 4 }}
                isAnimationActive={false}
                connectNulls
              />
            </LineChart>
          </Paper>
        );
      })}
    </Box>
  );
};
