import {
  diagnosePipelineRun,
  diagnoseRegistration,
  interpretPipelineRun,
} from '@private-ai/plugin-modelops-common';
import { buildScenario } from './buildScenario';
import { scenarioRuns } from './scenarioRuns';

/**
 * The contract between the demo scenario and the diagnosis rules: every run, read as the
 * backend reads it (PipelineRun, its TaskRuns, their pods and step logs), gets the
 * diagnosis the scenario says it must; healthy runs get none.
 */
describe('diagnosis of every run of the demo scenario', () => {
  const scenario = buildScenario(Date.parse('2026-11-24T12:00:00Z'));
  const objects = scenario.objects;
  const registry = scenario.registry;

  function diagnose(name: string) {
    const pipelineRun = objects.find(
      o => o.kind === 'PipelineRun' && o.metadata.name === name,
    )!;
    const taskRuns = objects.filter(
      o =>
        o.kind === 'TaskRun' &&
        o.metadata.labels?.['tekton.dev/pipelineRun'] === name,
    );
    const podNames = new Set(
      taskRuns.map(t => (t.status as { podName?: string }).podName),
    );
    const pods = objects.filter(
      o => o.kind === 'Pod' && podNames.has(o.metadata.name),
    );
    const events = objects.filter(
      o =>
        o.kind === 'Event' &&
        podNames.has(
          (o as { involvedObject?: { name?: string } }).involvedObject?.name,
        ),
    );
    const logs: Record<string, string> = {};
    for (const log of scenario.logs) {
      if (podNames.has(log.pod)) logs[`${log.pod}/${log.container}`] = log.text;
    }
    const summary = interpretPipelineRun(pipelineRun, taskRuns, {
      cluster: 'demo-cluster',
      pods,
    });
    const model = registry.registeredModels.find(
      m => m.name === summary.keyParams.registeredModelName,
    );
    const versions = model
      ? registry.modelVersions
          .filter(v => v.registeredModelId === model.id)
          .map(v => v.name)
      : [];
    return (
      diagnoseRegistration(summary, {
        modelExists: !!model,
        versionExists: model
          ? versions.includes(summary.keyParams.versionName ?? '')
          : undefined,
        knownVersions: versions,
      }) ??
      diagnosePipelineRun(pipelineRun, taskRuns, pods, {
        logs,
        summary,
        events,
      })
    );
  }

  it.each(
    scenarioRuns
      .filter(r => r.expectedDiagnosis)
      .map(r => [r.name, r.expectedDiagnosis!, r.failedTask]),
  )('%s is diagnosed %s', (name, code, task) => {
    const diagnosis = diagnose(name);
    expect(diagnosis?.code).toBe(code);
    expect(diagnosis!.title.length).toBeGreaterThan(10);
    expect(diagnosis!.remediation.length).toBeGreaterThan(10);
    expect(diagnosis!.evidence.length).toBeGreaterThan(0);
    expect(diagnosis!.evidence.map(e => e.task)).toContain(task);
  });

  it.each(
    scenarioRuns.filter(r => !r.expectedDiagnosis).map(r => [r.name, r.status]),
  )('%s (%s) gets no diagnosis', name => {
    expect(diagnose(name)).toBeUndefined();
  });
});
