import fs from 'node:fs';
import path from 'node:path';
import { loadKubeObjects } from '@gitops-guide/argocd-simulator';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import {
  argoCdScenarioObjects,
  fluxFixtures,
  type KubeObject,
} from '../../__testUtils__/fakeKubeApiServer';

/** `/work/shared`: the CRDs, next to the repository. */
const SHARED_DIR = path.resolve(__dirname, '../../../../../../shared');

const CRD_FILES: Record<string, string> = {
  'argoproj.io/v1alpha1/Application': 'argocd/application-crd.yaml',
  'kustomize.toolkit.fluxcd.io/v1/Kustomization':
    'flux/kustomizations-crd.yaml',
  'helm.toolkit.fluxcd.io/v2/HelmRelease': 'flux/helmreleases-crd.yaml',
};

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('int32', true);
ajv.addFormat('int64', true);

const validators = new Map<string, ValidateFunction>();

/** The `openAPIV3Schema` of the served version of a CRD, compiled. */
function validatorFor(object: KubeObject): ValidateFunction {
  const key = `${object.apiVersion}/${object.kind}`;
  let validate = validators.get(key);
  if (!validate) {
    const file = CRD_FILES[key];
    if (!file) {
      throw new Error(`No CRD for ${key}`);
    }
    const crdPath = path.join(SHARED_DIR, file);
    if (!fs.existsSync(crdPath)) {
      throw new Error(
        `CRD missing: ${crdPath}. These tests check fixtures against the real CRDs in shared/ next to the repository; restore them instead of skipping the tests.`,
      );
    }
    const crd = parse(fs.readFileSync(crdPath, 'utf8'));
    const version = crd.spec.versions.find(
      (v: { name: string }) => v.name === object.apiVersion.split('/')[1],
    );
    validate = ajv.compile(version.schema.openAPIV3Schema);
    validators.set(key, validate);
  }
  return validate;
}

function problems(object: KubeObject): string[] {
  const validate = validatorFor(object);
  return validate(object)
    ? []
    : (validate.errors ?? []).map(
        error => `${error.instancePath} ${error.message}`,
      );
}

const id = (object: KubeObject) =>
  `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;

describe('Kubernetes fixtures against the CRD schemas in shared/', () => {
  it.each(fluxFixtures().map(object => [id(object), object] as const))(
    'test fixture %s validates',
    (_id, object) => {
      expect(problems(object)).toEqual([]);
    },
  );

  it.each(argoCdScenarioObjects().map(object => [id(object), object] as const))(
    'simulator scenario %s validates as an Application',
    (_id, object) => {
      expect(problems(object)).toEqual([]);
    },
  );

  it('demo objects (simulator kube-scenarios) validate', async () => {
    const objects = (await loadKubeObjects()).filter(
      object => CRD_FILES[`${object.apiVersion}/${object.kind}`],
    );
    expect(objects.length).toBeGreaterThanOrEqual(5);
    expect(
      Object.fromEntries(objects.map(object => [id(object), problems(object)])),
    ).toEqual(Object.fromEntries(objects.map(object => [id(object), []])));
  });

  it('rejects an object that breaks the schema, so the check has teeth', () => {
    const [object] = fluxFixtures();
    const broken = {
      ...object,
      spec: { ...(object.spec as object), prune: 'yes' },
      status: {
        conditions: [{ type: 'Ready', status: 'Maybe', reason: 'x y' }],
      },
    };
    expect(problems(broken)).toEqual(
      expect.arrayContaining([
        '/spec/prune must be boolean',
        "/status/conditions/0 must have required property 'message'",
      ]),
    );
  });
});
