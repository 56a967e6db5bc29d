#!/usr/bin/env node
/*
 * Checks one packed plugin tarball the way a registry and a portal would read it: the packed
 * package.json has no `private` flag and no `workspace:` range, and every file its main,
 * module, types and exports name is in the tarball. Prints the package's size.
 * usage: node scripts/check-packed.js <file.tgz>
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const file = process.argv[2];
const list = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map(p => p.replace(/^package\//, ''));
const pkg = JSON.parse(
  execFileSync('tar', ['-xzOf', file, 'package/package.json'], {
    encoding: 'utf8',
  }),
);
const problems = [];
if (pkg.private) problems.push('"private" is set');
for (const field of [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
]) {
  for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
    if (/^(workspace|link|file|portal):/.test(range))
      problems.push(`${field}.${dep} is "${range}"`);
  }
}
const named = [pkg.main, pkg.module, pkg.types];
// Export conditions name files, except `backstage` (the feature type the CLI detected).
const walk = v =>
  typeof v === 'string'
    ? named.push(v)
    : Object.entries(v ?? {}).forEach(([k, x]) => k !== 'backstage' && walk(x));
walk(pkg.exports);
for (const path of named.filter(Boolean)) {
  if (!list.includes(path.replace(/^\.\//, '')))
    problems.push(`names ${path}, which the tarball does not contain`);
}
for (const dir of ['migrations', 'schemas', 'lint']) {
  if (fs.existsSync(`${process.cwd()}/${pkg.repository?.directory}/${dir}`)) {
    if (!list.some(p => p.startsWith(`${dir}/`)))
      problems.push(`${dir}/ is missing`);
  }
}
if (pkg.configSchema && !list.includes(pkg.configSchema))
  problems.push(`configSchema ${pkg.configSchema} is missing`);
if (pkg.license !== 'Apache-2.0') problems.push(`license is ${pkg.license}`);

const kib = Math.round(fs.statSync(file).size / 1024);
if (problems.length > 0) {
  console.error(`${pkg.name}: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(
  `${pkg.name}@${pkg.version}: ${kib} KiB packed, ${list.length} files, main ${pkg.main}`,
);
