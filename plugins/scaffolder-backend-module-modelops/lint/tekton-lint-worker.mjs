// Runs @ibm/tekton-lint on one file for lintTekton (src/validation/lintTekton.ts), in a worker
// thread: tekton-lint is an ES module with top-level await, which CommonJS code can reach only
// through a real dynamic import.
import { parentPort, workerData } from 'node:worker_threads';
import { Config, Linter } from '@ibm/tekton-lint';

const config = Config.getConfig(workerData.dir);
config.globs = [workerData.file];
const problems = await Linter.run(config);
parentPort.postMessage(
  problems.map(p => ({ level: p.level, rule: p.rule, message: p.message })),
);
