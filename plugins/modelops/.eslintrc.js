module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // Build outputs of the dynamic-plugin export (scripts/export-dynamic.sh): bundles, not source.
  ignorePatterns: ['dist-dynamic/**', 'dist-scalprum/**', 'dist.built/**'],
});
