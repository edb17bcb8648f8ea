import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './types';

/** The Kubernetes objects shipped for the demo: `kube-scenarios/*.yaml`, several documents per file. */
// The simulator always runs from source (tsx, jest), never from a bundle, so __dirname is where this file is.
export const BUNDLED_KUBE_SCENARIO_DIR = path.resolve(
  // eslint-disable-next-line no-restricted-syntax
  __dirname,
  '..',
  '..',
  'kube-scenarios',
);

/** Every object of every YAML file in `dir`, in file order. */
export async function loadKubeObjects(
  dir: string = BUNDLED_KUBE_SCENARIO_DIR,
): Promise<KubeObject[]> {
  const files = (await fs.readdir(dir))
    .filter(file => /\.ya?ml$/.test(file))
    .sort();
  const objects: KubeObject[] = [];
  for (const file of files) {
    const text = await fs.readFile(path.join(dir, file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        throw new Error(`Invalid YAML in ${file}: ${doc.errors[0].message}`);
      }
      const object = doc.toJS() as KubeObject | null;
      if (object) {
        objects.push(object);
      }
    }
  }
  return objects;
}
