import { loadConfigSchema } from '@backstage/config-loader';
import fs from 'node:fs';
import path from 'node:path';

// Every configuration key the plugins read must be declared in some package's config.d.ts
// (ours, or the Backstage plugin whose key we reuse), so `backstage-cli config:check` and the
// config docs know it and `@visibility secret` keeps tokens out of the frontend.

const repoRoot = path.resolve(__dirname, '../../../..');
const sourceRoots = ['plugins', 'packages'];

const GETTER =
  /\.get(?:Optional)?(?:String|Number|Boolean|Config|ConfigArray|StringArray)\(\s*'([^']+)'/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', 'dist', 'dist-types', 'e2e-tests'].includes(
        entry.name,
      )
        ? []
        : sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) &&
      !/\.test\.tsx?$|__testUtils__|\.d\.ts$/.test(full)
      ? [full]
      : [];
  });
}

/** A helper that reads a key for its caller: `positive(config, 'modelops.logs.maxBytes')`. */
const HELPER = /\b\w+\(\s*config\s*,\s*'([a-zA-Z][\w.]*)'/g;

/** The keys the code reads with a literal, and where. */
function keysRead(text: string): string[] {
  return [...text.matchAll(GETTER), ...text.matchAll(HELPER)].map(m => m[1]);
}

/** Every path of a JSON schema, with `*` for array items and map entries. */
function schemaPaths(schema: any, prefix: string[] = []): string[][] {
  if (!schema || typeof schema !== 'object') return [];
  const paths: string[][] = [];
  for (const [key, value] of Object.entries<any>(schema.properties ?? {})) {
    paths.push([...prefix, key], ...schemaPaths(value, [...prefix, key]));
  }
  if (schema.items) paths.push(...schemaPaths(schema.items, [...prefix, '*']));
  if (typeof schema.additionalProperties === 'object') {
    paths.push(...schemaPaths(schema.additionalProperties, [...prefix, '*']));
  }
  for (const branch of [
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.allOf ?? []),
  ]) {
    paths.push(...schemaPaths(branch, prefix));
  }
  return paths;
}

/**
 * A key is declared when its segments appear in a row in some declared path: a full key
 * (`modelops.logs.maxBytes`) from the root, a key read from a sub-config (`timeoutMs` of a
 * cluster) anywhere below. Literal keys never cross an array item or a map entry (`*`).
 */
function isDeclared(key: string, declared: string[][]): boolean {
  const segments = key.split('.');
  return declared.some(p =>
    p.some((_, start) => segments.every((s, i) => p[start + i] === s)),
  );
}

describe('configuration schema', () => {
  let declared: string[][];
  beforeAll(async () => {
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths: [
        path.join(repoRoot, 'packages/backend/package.json'),
        path.join(repoRoot, 'packages/app/package.json'),
      ],
    });
    const { schemas } = schema.serialize() as {
      schemas: Array<{ path: string; value: object }>;
    };
    declared = schemas.flatMap(s => schemaPaths(s.value));
  }, 60_000);

  it('declares every key the plugins read', () => {
    const reads = sourceRoots
      .flatMap(root => sourceFiles(path.join(repoRoot, root)))
      .flatMap(file =>
        keysRead(fs.readFileSync(file, 'utf8')).map(key => ({
          key,
          file: path.relative(repoRoot, file),
        })),
      );
    // The scan finds the readers (a regression in the regex would make this test pass empty).
    expect(reads.map(r => r.key)).toEqual(
      expect.arrayContaining([
        'modelops.clusters',
        'modelops.registry',
        'modelops.logs.maxBytes',
        'catalog.providers.modelops',
        'serviceAccountToken',
      ]),
    );
    expect(reads.filter(r => !isDeclared(r.key, declared))).toEqual([]);
  });

  it('declares the keys of modelops-node with tokens secret', () => {
    const nodeSchema = path.join(repoRoot, 'plugins/modelops-node/config.d.ts');
    const text = fs.readFileSync(nodeSchema, 'utf8');
    for (const key of [
      'modelops.clusters.*.timeoutMs',
      'modelops.registry.timeoutMs',
      'modelops.registry.token',
      'modelops.clusters.*.serviceAccountToken',
    ]) {
      expect(declared).toContainEqual(key.split('.'));
    }
    expect(text).toMatch(
      /@visibility secret\s*\*\/\s*serviceAccountToken\?: string/,
    );
    expect(text).toMatch(/@visibility secret\s*\*\/\s*token\?: string/);
  });

  it('finds a key no schema declares', () => {
    expect(isDeclared('modelops.registry.timeoutMs', declared)).toBe(true);
    expect(isDeclared('modelops.registry.retries', declared)).toBe(false);
    expect(isDeclared('noSuchKeyAnywhere', declared)).toBe(false);
    expect(
      keysRead(
        "config.getOptionalNumber('modelops.x');\nc.getString(\n  'url',\n)",
      ),
    ).toEqual(['modelops.x', 'url']);
  });
});
