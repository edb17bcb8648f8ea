import { ReactNode } from 'react';
import { renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider, mockApis } from '@backstage/test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ApplicationsResponse } from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../api';
import {
  annotatedEntity,
  devApp,
  fakeGitOpsApi,
} from './__fixtures__/applications';
import { useEntityApplications } from './useEntityApplications';

const otherEntity: Entity = {
  ...annotatedEntity,
  metadata: { ...annotatedEntity.metadata, name: 'billing-api' },
};

describe('useEntityApplications', () => {
  it("never shows one entity's applications while another entity's are loading", async () => {
    let answerOther: (response: ApplicationsResponse) => void = () => {};
    const api = fakeGitOpsApi({
      getApplications: ref =>
        ref.name === 'billing-api'
          ? new Promise(resolve => {
              answerOther = resolve;
            })
          : Promise.resolve({ applications: [devApp], errors: [] }),
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider
        apis={[
          [gitOpsApiRef, api],
          [configApiRef, mockApis.config()],
        ]}
      >
        {children}
      </TestApiProvider>
    );
    const { result, rerender } = renderHook(
      ({ entity }) => useEntityApplications(entity),
      { wrapper, initialProps: { entity: annotatedEntity } },
    );
    await waitFor(() => expect(result.current.applications).toEqual([devApp]));

    rerender({ entity: otherEntity });
    expect(result.current.response).toBeUndefined();
    expect(result.current.applications).toEqual([]);

    answerOther({ applications: [], errors: [] });
    await waitFor(() =>
      expect(result.current.response).toEqual({ applications: [], errors: [] }),
    );
  });
});
