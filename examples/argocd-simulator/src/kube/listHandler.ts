import {
  LabelSelectorError,
  parseLabelSelector,
  type LabelSelectorRequirement,
} from '@gitops-guide/backstage-plugin-gitops-common';
import type { ServerResponse } from 'node:http';
import { matchesLabelSelector } from '../labelSelector';
import type { ApiTarget } from './apiPath';
import {
  FieldSelectorError,
  matchesFieldSelector,
  parseFieldSelector,
} from './fieldSelector';
import { sendList } from './listAnswers';
import type { ServedResource } from './resources';
import { sendStatus } from './respond';
import type { Caller, KubeState } from './state';
import { badRequest, forbidden, type KubeStatus } from './status';
import type { KubeFault } from './types';
import { handleWatch, isWatch } from './watchHandler';

type Selectors =
  | {
      labels: LabelSelectorRequirement[];
      fields: ReturnType<typeof parseFieldSelector>;
    }
  | { invalid: KubeStatus };

function parseSelectors(url: URL): Selectors {
  try {
    return {
      labels: parseLabelSelector(url.searchParams.get('labelSelector') ?? ''),
      fields: parseFieldSelector(url.searchParams.get('fieldSelector') ?? ''),
    };
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      return {
        invalid: badRequest(`unable to parse requirement: ${error.message}`),
      };
    }
    if (error instanceof FieldSelectorError) {
      return { invalid: badRequest(error.message) };
    }
    throw error;
  }
}

/**
 * A list call (`GET` of a collection): refused by RBAC or for a bad selector, handed to {@link handleWatch} with
 * `watch=true`, else answered with the `<Kind>List` of the objects the path and selectors pick, bent by the body
 * faults of `fault`.
 */
export async function handleList(
  state: KubeState,
  res: ServerResponse,
  url: URL,
  target: ApiTarget,
  resource: ServedResource,
  caller: Caller,
  fault: KubeFault | undefined,
): Promise<void> {
  if (state.isDenied(resource, target.namespace)) {
    sendStatus(res, forbidden(caller.user, resource, target.namespace));
    return;
  }
  const selectors = parseSelectors(url);
  if ('invalid' in selectors) {
    sendStatus(res, selectors.invalid);
    return;
  }
  if (isWatch(url)) {
    handleWatch(
      state,
      res,
      url,
      { target, resource, ...selectors },
      state.bookmarkIntervalMs,
    );
    return;
  }
  const apiVersion = `${resource.group}/${resource.version}`;
  const sameKind = state.objects.filter(
    object => object.apiVersion === apiVersion && object.kind === resource.kind,
  );
  const items = sameKind.filter(
    object =>
      (!target.namespace || object.metadata.namespace === target.namespace) &&
      matchesLabelSelector(selectors.labels, object.metadata.labels) &&
      matchesFieldSelector(selectors.fields, object.metadata),
  );
  await sendList(
    res,
    {
      resource,
      resourceVersion: String(state.resourceVersion),
      items,
      sameKind,
    },
    fault,
  );
}
