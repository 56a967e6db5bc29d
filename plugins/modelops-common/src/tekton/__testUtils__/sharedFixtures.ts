/*
 * Test-only helpers that read the public fixtures in fixtures/ at the repo root (copied from the shared fixtures, see fixtures/PROVENANCE.md).
 * Not exported from the package: it uses node's fs, which the package itself must not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** Absolute path of the repo's fixtures/ folder. */
export const SHARED_FIXTURES = path.resolve(
  __dirname,
  '../../../../../fixtures',
);

/** Absolute path of a fixture, e.g. `tekton/status/chains-taskrun2.json`. */
export function fixturePath(relative: string): string {
  return path.join(SHARED_FIXTURES, relative);
}

/** Reads a JSON fixture. */
export function readJsonFixture<T = any>(relative: string): T {
  return JSON.parse(fs.readFileSync(fixturePath(relative), 'utf8')) as T;
}

/** Reads a single-document YAML fixture (throws the parser's error if it does not parse). */
export function readYamlFixture<T = any>(relative: string): T {
  return parse(fs.readFileSync(fixturePath(relative), 'utf8')) as T;
}

/** Reads every document of a YAML fixture, throwing the first parse error. */
export function readYamlDocuments(relative: string): any[] {
  const docs = parseAllDocuments(
    fs.readFileSync(fixturePath(relative), 'utf8'),
  );
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      throw doc.errors[0];
    }
  }
  return list
    .map(doc => doc.toJS())
    .filter(doc => doc !== null && doc !== undefined);
}

/** Files of a fixture folder with the given extensions, sorted. */
export function listFixtures(folder: string, extensions: string[]): string[] {
  return fs
    .readdirSync(fixturePath(folder))
    .filter(name => extensions.some(ext => name.endsWith(ext)))
    .sort()
    .map(name => `${folder}/${name}`);
}

/** Reads a text file next to a test (`__fixtures__`). */
export function readLocalText(dirname: string, relative: string): string {
  return fs.readFileSync(path.join(dirname, relative), 'utf8');
}
