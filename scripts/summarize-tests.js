// Prints one closing line over the jest and playwright JSON reports: "tests: N passed, M failed, K skipped".
const fs = require('node:fs');

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

const [jestFile, e2eFile] = process.argv.slice(2);

if (fs.existsSync(jestFile)) {
  const r = JSON.parse(fs.readFileSync(jestFile, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
  skipped += r.numPendingTests + r.numTodoTests;
} else {
  missing.push('jest');
}

if (e2eFile && fs.existsSync(e2eFile)) {
  const r = JSON.parse(fs.readFileSync(e2eFile, 'utf8'));
  const s = r.stats || {};
  passed += (s.expected || 0) + (s.flaky || 0);
  failed += s.unexpected || 0;
  skipped += s.skipped || 0;
  if (r.errors && r.errors.length && !s.unexpected) failed += r.errors.length;
} else if (!process.env.MODELOPS_SKIP_E2E) {
  missing.push('end-to-end');
}

if (missing.length) {
  console.log(`no report from: ${missing.join(', ')} (counted as a failure)`);
  failed += missing.length;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
