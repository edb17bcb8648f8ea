import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import type { RawApplication } from '../argocd/types';

/** `/work/shared/argocd`: Argo CD's own documents, next to the repository (see its README). */
export const SHARED_ARGOCD_DIR = path.resolve(
  __dirname,
  '../../../../../shared/argocd',
);

function readShared(relativePath: string): string {
  const file = path.join(SHARED_ARGOCD_DIR, relativePath);
  if (!fs.existsSync(file)) {
    throw new Error(
      `Ground-truth document missing: ${file}. These tests run against Argo CD's real documents ` +
        `in shared/argocd next to the repository; restore them instead of skipping the tests.`,
    );
  }
  return fs.readFileSync(file, 'utf8');
}

/** A YAML document from shared/argocd, e.g. `real-applications/controller_testdata_diff-cache.yaml`. */
export function readSharedYaml<T = RawApplication>(relativePath: string): T {
  return parse(readShared(relativePath)) as T;
}

/** A JSON document from shared/argocd, e.g. `roadie-e2e-fixtures/applications-test-app.json`. */
export function readSharedJson<T = RawApplication>(relativePath: string): T {
  return JSON.parse(readShared(relativePath)) as T;
}
