import { DiagnosisEvidence } from '../../tekton/types';
import { DiagnosisRule, TaskFacts } from '../types';
import {
  hfAuthPatterns,
  hfRateLimitPatterns,
  hfRepoNotFoundPatterns,
  tlsFailurePatterns,
} from './huggingFaceRules';
import {
  capitalize,
  describeWhere,
  evidenceTasks,
  matchTexts,
} from '../matchers';

/** A later task finding its input missing, truncated or corrupt. @public */
export const missingInputPatterns: readonly RegExp[] = Object.freeze([
  /FileNotFoundError|No such file or directory|\bENOENT\b|does not appear to have a file named|does not exist/i,
  /unexpected EOF|EOFError|\btruncated\b|unexpected end of (file|data|archive)|Unexpected EOF in archive/i,
  /digest mismatch|checksum mismatch|sha256 mismatch|hash mismatch|does not match (the )?(expected )?(digest|checksum|hash)/i,
  /SafetensorError|MetadataIncompleteBuffer|incomplete metadata|HeaderTooLarge|invalid load key|Unable to load weights|Error while deserializing header/i,
  /not a (valid )?(zip|gzip|tar)|invalid tar header/i,
]);

/** A download that broke off, as requests/urllib3, aiohttp, httpx, curl, hf_transfer and huggingface_hub say it. @public */
export const interruptedDownloadPatterns: readonly RegExp[] = Object.freeze([
  /IncompleteRead/,
  /ChunkedEncodingError|ContentDecodingError|ProtocolError\(/,
  /Connection broken|Connection reset by peer|ConnectionResetError|\[Errno 104\]/i,
  /ContentLengthError|Response payload is not completed|ClientPayloadError|RemoteProtocolError|peer closed connection without sending complete message body/i,
  /transfer closed with \d+ bytes remaining|curl: \((18|56)\)/i,
  /consistency check failed: file should be of size/i,
  /partial download|download (was )?(interrupted|incomplete)|incomplete download/i,
  /Error while downloading: .*(reset|closed|timed out|broken|incomplete)/i,
  /ReadTimeoutError|Read timed out/i,
]);

function earlierTasks(tasks: TaskFacts[], failed: TaskFacts): TaskFacts[] {
  const index = tasks.indexOf(failed);
  const end = failed.task.startedAt ? Date.parse(failed.task.startedAt) : NaN;
  return tasks.filter((t, i) => {
    if (t === failed) return false;
    if (t.task.finishedAt && !Number.isNaN(end)) {
      return Date.parse(t.task.finishedAt) <= end;
    }
    return i < index;
  });
}

/**
 * A download broke off: in its own task (which failed), or in an earlier task whose
 * failure got lost (`| tee`, no `set -o pipefail`) so that a later task fails on a
 * missing or truncated file. The cause is the earlier line, not the later symptom.
 * @public
 */
export const incompleteDownloadRule: DiagnosisRule = {
  code: 'incomplete-download',
  title: 'A download broke off and left incomplete files',
  explanation: ({ facts, evidence }) => {
    const [cause, symptom] = evidenceTasks(evidence);
    const later =
      symptom && symptom !== cause
        ? ` \`${cause}\` still ended as ${
            facts.tasks.find(t => t.task.name === cause)?.task.status ?? 'done'
          } (its script lost the error, e.g. in a pipe to \`tee\` without \`set -o pipefail\`), so \`${symptom}\` started on incomplete files and failed reading them: that failure is a symptom.`
        : '';
    return `${capitalize(
      describeWhere(evidence),
    )} lost its connection in the middle of a download (the server or a proxy closed it early).${later}`;
  },
  remediation: ({ evidence }) => {
    const cause = evidenceTasks(evidence)[0] ?? 'download-model';
    return `Re-run from \`${cause}\`. Make its script fail on a broken download: \`set -euo pipefail\` before any pipe, and check the files afterwards (\`hf download\` resumes and verifies sizes; compare with \`hf scan-cache\` or the repo's file list). For flaky networks set \`HF_HUB_DOWNLOAD_TIMEOUT=60\` and retry the download step (\`retries: 2\` on the pipeline task), not the later ones.`;
  },
  match: facts => {
    // The failed task itself broke off while downloading (and was not refused outright:
    // a reset that was retried before a 401, 404 or 429 is not the cause).
    const refused = [
      ...hfAuthPatterns,
      ...hfRepoNotFoundPatterns,
      ...hfRateLimitPatterns,
      ...tlsFailurePatterns,
    ];
    const own = matchTexts(facts, interruptedDownloadPatterns, {
      taskOnly: true,
      sources: ['log', 'termination'],
      task: t =>
        (t.task.stage === 'download' ||
          /download|fetch|pull/i.test(t.task.name)) &&
        matchTexts(facts, refused, { taskOnly: true, task: x => x === t })
          .length === 0,
    });
    if (own.length) {
      return own;
    }
    for (const failed of facts.failedTasks) {
      const symptom = matchTexts(facts, missingInputPatterns, {
        taskOnly: true,
        sources: ['log', 'termination', 'condition'],
        task: t => t === failed,
      });
      if (symptom.length === 0) continue;
      const earlier = earlierTasks(facts.tasks, failed);
      const cause = matchTexts(facts, interruptedDownloadPatterns, {
        scope: 'all',
        taskOnly: true,
        sources: ['log', 'termination'],
        task: t => earlier.includes(t),
      });
      if (cause.length) {
        return [...cause, ...symptom].slice(0, 4) as DiagnosisEvidence[];
      }
    }
    return undefined;
  },
};
