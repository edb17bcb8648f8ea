// Checks that a packed package.json only points at files its tarball ships.
// Pure: the caller reads the tarball (see run.mjs), so the test can feed fakes.

/**
 * @param {object} pkg the package.json inside the tarball
 * @param {string[]} files paths inside the tarball, relative to the package root
 * @param {{ required?: string[] }} [options] files the package must ship
 *   besides its entry points; `*` in a path matches any file name part
 * @returns {string[]} one message per problem, each naming the package
 */
export function checkTarballManifest(pkg, files, { required = [] } = {}) {
  const shipped = new Set(files.map(normalize));
  const problems = [];
  const report = (field, message) => problems.push(`${pkg.name}: ${field} ${message}`);
  const expectFile = (field, target, resolves = ships) => {
    if (typeof target !== 'string') {
      report(field, `must be a path, got ${JSON.stringify(target)}`);
    } else if (!resolves(shipped, target)) {
      report(`${field} →`, `${target} is not in the tarball`);
    }
  };

  for (const field of ['main', 'module', 'types', 'typings']) {
    if (pkg[field] !== undefined) expectFile(field, pkg[field], shipsLegacyEntry);
  }
  for (const [field, target] of exportTargets(pkg.exports, 'exports')) {
    if (!target.startsWith('./')) {
      report(field, `must start with "./", got ${JSON.stringify(target)}`);
    } else {
      expectFile(field, target);
    }
  }
  for (const [field, target] of typesVersionsTargets(pkg.typesVersions)) {
    expectFile(field, target);
  }
  if (typeof pkg.configSchema === 'string') {
    expectFile('configSchema', pkg.configSchema);
  }
  for (const path of required) {
    if (!ships(shipped, path)) problems.push(`${pkg.name}: ${path} is not in the tarball`);
  }
  return problems;
}

/** Every path target of an `exports` value, as [field, target] pairs. */
function* exportTargets(value, field) {
  if (typeof value === 'string') {
    yield [field, value];
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* exportTargets(item, `${field}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // Backstage's `backstage` condition marks the export's feature type
      // (e.g. "@backstage/FrontendPlugin"); it is metadata, not a file.
      if (key === 'backstage') continue;
      yield* exportTargets(item, key.startsWith('.') ? `${field}['${key}']` : `${field}.${key}`);
    }
  }
}

/** Every target of a `typesVersions` map: { "<range>": { "<path>": [targets] } }. */
function* typesVersionsTargets(typesVersions = {}) {
  for (const [range, paths] of Object.entries(typesVersions)) {
    for (const [path, targets] of Object.entries(paths)) {
      for (const [i, target] of [targets].flat().entries()) {
        yield [`typesVersions['${range}']['${path}'][${i}]`, target];
      }
    }
  }
}

function normalize(path) {
  return path.replace(/^\.\//, '');
}

/** Exact file, or any file when the target is a `*` subpath pattern. */
function ships(shipped, target) {
  const path = normalize(target);
  if (!path.includes('*')) return shipped.has(path);
  const escaped = path.split('*').map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^${escaped.join('.+')}$`);
  return [...shipped].some(file => pattern.test(file));
}

/** `main`-style fields may leave out `.js` or name a folder with an index.js. */
function shipsLegacyEntry(shipped, target) {
  const path = normalize(target).replace(/\/$/, '');
  return [path, `${path}.js`, `${path}/index.js`].some(candidate => shipped.has(candidate));
}
