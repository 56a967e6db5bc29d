import {
  Box,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { EvaluationResponse } from '@private-ai/plugin-modelops-common';
import { useState } from 'react';
import { GateStatus } from './GateStatus';
import { formatMetric, lowerIsBetter, metricLabel } from './metricNames';

/** Which of two values is better for a metric, or undefined when equal or unknown. */
function better(metric: string, a?: number, b?: number): 'a' | 'b' | undefined {
  if (a === undefined || b === undefined || a === b) return undefined;
  const aWins = lowerIsBetter(metric) ? a < b : a > b;
  return aWins ? 'a' : 'b';
}

/** Two versions side by side: every metric either measured, the difference, and which is better. */
export const VersionComparison = ({
  response,
}: {
  response: EvaluationResponse;
}) => {
  const evaluated = response.versions.filter(
    v => Object.keys(v.metrics).length > 0,
  );
  const focus = evaluated.find(v => v.versionName === response.focus);
  const defaultB = focus ?? evaluated[evaluated.length - 1];
  const defaultA = evaluated.filter(v => v !== defaultB).pop();
  const [aName, setA] = useState(defaultA?.versionName ?? '');
  const [bName, setB] = useState(defaultB?.versionName ?? '');
  if (evaluated.length < 2) {
    return (
      <Typography variant="body2">
        Comparing needs two evaluated versions; {evaluated.length} so far.
      </Typography>
    );
  }
  const a = evaluated.find(v => v.versionName === aName) ?? defaultA!;
  const b = evaluated.find(v => v.versionName === bName) ?? defaultB!;
  const metrics = [
    ...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)]),
  ].sort();
  const picker = (
    id: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
  ) => (
    <FormControl variant="outlined" size="small" style={{ minWidth: 260 }}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select
        labelId={id}
        label={label}
        value={value}
        onChange={e => onChange(String(e.target.value))}
      >
        {evaluated.map(v => (
          <MenuItem key={v.versionName} value={v.versionName}>
            {v.versionName}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
  return (
    <Box>
      <Box display="flex" style={{ gap: 16 }} mb={1}>
        {picker('compare-version-a', 'Version A', a.versionName, setA)}
        {picker('compare-version-b', 'Version B', b.versionName, setB)}
      </Box>
      <Table size="small" aria-label="version comparison">
        <TableHead>
          <TableRow>
            <TableCell>Metric</TableCell>
            <TableCell align="right">{a.versionName}</TableCell>
            <TableCell align="right">{b.versionName}</TableCell>
            <TableCell align="right">B − A</TableCell>
            <TableCell>Better</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell>Gate</TableCell>
            <TableCell align="right">
              <GateStatus gate={a.gate} />
            </TableCell>
            <TableCell align="right">
              <GateStatus gate={b.gate} />
            </TableCell>
            <TableCell />
            <TableCell />
          </TableRow>
          {metrics.map(m => {
            const va = a.metrics[m];
            const vb = b.metrics[m];
            const winner = better(m, va, vb);
            return (
              <TableRow key={m}>
                <TableCell>{metricLabel(m)}</TableCell>
                <TableCell
                  align="right"
                  style={{ fontWeight: winner === 'a' ? 700 : undefined }}
                >
                  {formatMetric(va)}
                </TableCell>
                <TableCell
                  align="right"
                  style={{ fontWeight: winner === 'b' ? 700 : undefined }}
                >
                  {formatMetric(vb)}
                </TableCell>
                <TableCell align="right">
                  {va !== undefined && vb !== undefined
                    ? `${vb - va >= 0 ? '+' : ''}${formatMetric(vb - va)}`
                    : '—'}
                </TableCell>
                <TableCell>
                  {winner
                    ? (winner === 'a' && a.versionName) || b.versionName
                    : '—'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
};
