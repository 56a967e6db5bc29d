#!/usr/bin/env node
/*
 * Turns a freshly generated create-app portal into one that installs the packed ModelOps
 * plugins the way the READMEs say:
 * - every @backstage/* dependency set to `^` + the version this repository installs (one
 *   Backstage release; create-app's own ranges mix two, see the root README), so the install
 *   reuses the yarn cache and this repository's yarn.lock as its seed;
 * - the tarballs as `file:` dependencies; -common and -node through root `resolutions`, which
 *   stand in for the internal registry the plugins' `^0.1.0` ranges resolve from;
 * - the README blocks marked `<!-- consumer-test: backend -->` added to the backend's index.ts,
 *   and the one marked `<!-- consumer-test: legacy-app -->` written to the app's sources so the
 *   portal's `yarn tsc` type-checks the legacy frontend system snippet.
 * usage: node prepare-portal.js <portalDir> <packsDir>
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const repo = path.resolve(__dirname, '../..');
const [portal, packs] = process.argv.slice(2).map(p => path.resolve(p));
const tarball = name =>
  `file:${path.join(packs, `${name.replace(/^@/, '').replace('/', '-')}.tgz`)}`;

function installedVersion(name) {
  const file = path.join(repo, 'node_modules', name, 'package.json');
  if (fs.existsSync(file))
    return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  return execFileSync('npm', ['view', name, 'dist-tags.latest'], {
    encoding: 'utf8',
  }).trim();
}

function editJson(file, edit) {
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(pkg);
  for (const field of ['dependencies', 'devDependencies']) {
    for (const name of Object.keys(pkg[field] ?? {})) {
      if (
        name.startsWith('@backstage/') &&
        !pkg[field][name].startsWith('file:')
      ) {
        pkg[field][name] = `^${installedVersion(name)}`;
      }
    }
  }
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** The fenced code block that follows `<!-- consumer-test: <tag> -->` in a README. */
function readmeBlocks(readme, tag) {
  const text = fs.readFileSync(path.join(repo, readme), 'utf8');
  const re = new RegExp(
    `<!-- consumer-test: ${tag} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``,
    'g',
  );
  const blocks = [...text.matchAll(re)].map(m => m[1]);
  if (blocks.length === 0) throw new Error(`${readme} has no "${tag}" block`);
  return blocks;
}

const rootPkg = JSON.parse(
  fs.readFileSync(path.join(repo, 'package.json'), 'utf8'),
);
editJson(path.join(portal, 'package.json'), pkg => {
  pkg.resolutions = {
    ...pkg.resolutions,
    ...rootPkg.resolutions,
    '@private-ai/plugin-modelops-common': tarball(
      '@private-ai/plugin-modelops-common',
    ),
    '@private-ai/plugin-modelops-node': tarball(
      '@private-ai/plugin-modelops-node',
    ),
  };
});
editJson(path.join(portal, 'packages/app/package.json'), pkg => {
  pkg.dependencies['@private-ai/plugin-modelops'] = tarball(
    '@private-ai/plugin-modelops',
  );
});
editJson(path.join(portal, 'packages/backend/package.json'), pkg => {
  for (const name of [
    '@private-ai/plugin-modelops-backend',
    '@private-ai/plugin-catalog-backend-module-modelops',
    '@private-ai/plugin-scaffolder-backend-module-modelops',
  ]) {
    pkg.dependencies[name] = tarball(name);
  }
  // Only for loading the dynamic exports in a plain backend (dynamic-check.js).
  pkg.dependencies['@backstage/backend-dynamic-feature-service'] = '*';
});

const backendIndex = path.join(portal, 'packages/backend/src/index.ts');
const lines = [
  'plugins/modelops-backend/README.md',
  'plugins/catalog-backend-module-modelops/README.md',
  'plugins/scaffolder-backend-module-modelops/README.md',
].flatMap(readme => readmeBlocks(readme, 'backend'));
const index = fs.readFileSync(backendIndex, 'utf8');
if (!index.includes('backend.start();'))
  throw new Error(`${backendIndex} has no backend.start()`);
fs.writeFileSync(
  backendIndex,
  index.replace('backend.start();', `${lines.join('')}\nbackend.start();`),
);

const legacy = readmeBlocks('plugins/modelops/README.md', 'legacy-app').join(
  '\n',
);
fs.writeFileSync(
  path.join(portal, 'packages/app/src/modelopsLegacy.tsx'),
  legacy,
);

fs.copyFileSync(path.join(repo, 'yarn.lock'), path.join(portal, 'yarn.lock'));
console.log(
  `    ${lines.length} backend lines, the legacy snippet, versions aligned`,
);
