// node --test consumer/tarballManifest.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTarballManifest } from './tarballManifest.mjs';

/** A frontend plugin as `backstage-cli package prepack` writes it. */
const goodPackage = {
  name: '@acme/plugin-demo',
  main: './dist/index.esm.js',
  module: './dist/index.esm.js',
  types: './dist/index.d.ts',
  exports: {
    '.': {
      import: './dist/index.esm.js',
      types: './dist/index.d.ts',
      default: './dist/index.esm.js',
    },
    './alpha': {
      backstage: '@backstage/FrontendPlugin',
      import: './dist/alpha.esm.js',
      types: './dist/alpha.d.ts',
      default: './dist/alpha.esm.js',
    },
    './package.json': './package.json',
  },
  typesVersions: { '*': { alpha: ['dist/alpha.d.ts'], 'package.json': ['package.json'] } },
  configSchema: 'config.schema.json',
};
const goodFiles = [
  'package.json',
  'config.schema.json',
  'dist/index.esm.js',
  'dist/index.d.ts',
  'dist/alpha.esm.js',
  'dist/alpha.d.ts',
];
const without = file => goodFiles.filter(f => f !== file);

test('passes a manifest whose entry points are all shipped', () => {
  assert.deepEqual(checkTarballManifest(goodPackage, goodFiles), []);
});

test('catches a missing main', () => {
  const pkg = { ...goodPackage, main: './dist/index.cjs.js' };
  assert.deepEqual(checkTarballManifest(pkg, goodFiles), [
    '@acme/plugin-demo: main → ./dist/index.cjs.js is not in the tarball',
  ]);
});

test('accepts a main without extension, as Node resolves it', () => {
  const pkg = { ...goodPackage, main: 'dist/index.esm' };
  assert.deepEqual(checkTarballManifest(pkg, goodFiles), []);
});

test('catches a missing exports target inside a conditions object', () => {
  const problems = checkTarballManifest(goodPackage, without('dist/alpha.esm.js'));
  assert.deepEqual(problems, [
    "@acme/plugin-demo: exports['./alpha'].import → ./dist/alpha.esm.js is not in the tarball",
    "@acme/plugin-demo: exports['./alpha'].default → ./dist/alpha.esm.js is not in the tarball",
  ]);
});

test('catches a missing typesVersions target and a missing configSchema', () => {
  const files = without('dist/alpha.d.ts').filter(f => f !== 'config.schema.json');
  assert.deepEqual(checkTarballManifest(goodPackage, files), [
    "@acme/plugin-demo: exports['./alpha'].types → ./dist/alpha.d.ts is not in the tarball",
    "@acme/plugin-demo: typesVersions['*']['alpha'][0] → dist/alpha.d.ts is not in the tarball",
    '@acme/plugin-demo: configSchema → config.schema.json is not in the tarball',
  ]);
});

test('reports an exports target that is not a relative path', () => {
  const pkg = { ...goodPackage, exports: { '.': { import: 'dist/index.esm.js' } } };
  assert.deepEqual(checkTarballManifest(pkg, goodFiles), [
    `@acme/plugin-demo: exports['.'].import must start with "./", got "dist/index.esm.js"`,
  ]);
});

test('checks subpath patterns and required files', () => {
  const pkg = { name: '@acme/backend', exports: { './content/*': './content/*.md' } };
  const required = ['config.d.ts', 'content/questions/*.md'];
  assert.deepEqual(
    checkTarballManifest(pkg, ['content/questions/a.md', 'config.d.ts'], { required }),
    [],
  );
  assert.deepEqual(checkTarballManifest(pkg, ['README.md'], { required }), [
    "@acme/backend: exports['./content/*'] → ./content/*.md is not in the tarball",
    '@acme/backend: config.d.ts is not in the tarball',
    '@acme/backend: content/questions/*.md is not in the tarball',
  ]);
});
