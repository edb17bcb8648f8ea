import {
  changeIdentity,
  changedApplicationsOf,
} from './applicationsChangedSignal';

const entityRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};
const prod = {
  instance: 'central',
  namespace: 'argocd',
  name: 'payments-api-prod',
  resourceVersion: '101',
};
const dev = { ...prod, name: 'payments-api-dev', resourceVersion: '7' };

describe('changedApplicationsOf', () => {
  it("returns the applications of a signal about the entity, whatever the ref's case", () => {
    expect(
      changedApplicationsOf(
        { entityRef: 'Component:default/Payments-API', applications: [prod] },
        entityRef,
      ),
    ).toEqual([prod]);
  });

  it('ignores another entity and messages of another shape', () => {
    expect(
      changedApplicationsOf(
        { entityRef: 'component:default/billing-api', applications: [prod] },
        entityRef,
      ),
    ).toBeUndefined();
    expect(
      changedApplicationsOf(
        { entityRef: 'component:default/payments-api' },
        entityRef,
      ),
    ).toBeUndefined();
    expect(changedApplicationsOf(null, entityRef)).toBeUndefined();
    expect(
      changedApplicationsOf(
        {
          entityRef: 'component:default/payments-api',
          applications: [prod, { name: 'no-instance' }],
        },
        entityRef,
      ),
    ).toEqual([prod]);
  });
});

describe('changeIdentity', () => {
  it('is the same for the same applications at the same versions, in any order', () => {
    expect(changeIdentity(entityRef, [prod, dev])).toBe(
      changeIdentity(entityRef, [dev, prod]),
    );
    expect(changeIdentity(entityRef, [prod])).not.toBe(
      changeIdentity(entityRef, [{ ...prod, resourceVersion: '102' }]),
    );
    expect(changeIdentity(entityRef, [prod])).not.toBe(
      changeIdentity({ ...entityRef, name: 'billing-api' }, [prod]),
    );
  });

  it('is undefined when a version is missing, so that no change is taken for a repeat', () => {
    expect(
      changeIdentity(entityRef, [prod, { ...dev, resourceVersion: undefined }]),
    ).toBeUndefined();
    expect(changeIdentity(entityRef, [])).toBeUndefined();
  });
});
