import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * The knowledge base shipped with this package (`<package>/content`, listed
 * in `files`), resolved through the package's own `package.json` so it is
 * found both from the sources in this repository and from an installed
 * `dist` build.
 */
export function bundledContentDirectory(): string {
  return resolvePackagePath(
    '@gitops-guide/backstage-plugin-gitops-backend',
    'content',
  );
}
