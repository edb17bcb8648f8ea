import { makeValidator } from '@backstage/catalog-model';
import {
  validateApplicationName,
  validateInstanceName,
  validateNamespace,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { z } from 'zod';
import {
  APPLICATION_OBJECT_KINDS,
  type ApplicationObjectKind,
} from '../services/applications/types';
import { shown, validatedString } from '../validation/zodHelpers';

const entityValidator = makeValidator();

/** A route parameter or query value checked by a validator that answers an error sentence. */
function checked(validate: (value: string) => string | undefined) {
  return validatedString(validate, {
    maxLength: 253,
    quoteValue: true,
    typeError: 'must be a single string',
  });
}

function catalogChecked(isValid: (value: unknown) => boolean, rule: string) {
  return checked(value => (isValid(value) ? undefined : rule));
}

/** `:kind/:namespace/:name` of an entity. */
export const entityParams = z.object({
  kind: catalogChecked(
    value => entityValidator.isValidKind(value),
    'is not a valid entity kind',
  ),
  namespace: catalogChecked(
    value => entityValidator.isValidNamespace(value),
    'is not a valid entity namespace',
  ),
  name: catalogChecked(
    value => entityValidator.isValidEntityName(value),
    'is not a valid entity name',
  ),
});

/** The entity's params plus `:instance/:application`. */
export const applicationParams = entityParams.extend({
  instance: checked(validateInstanceName),
  application: checked(validateApplicationName),
});

/** `refresh=true` reads upstream instead of the cache (rate limited by the service). */
const refresh = z
  .enum(['true', 'false'], {
    errorMap: () => ({ message: "must be 'true' or 'false'" }),
  })
  .transform(value => value === 'true')
  .optional();

/** The list route's query. */
export const listQuery = z.object({ refresh });

const appNamespace = checked(validateNamespace).optional();

/** Needed only when a Kustomization, HelmRelease or Application share a name on one cluster. */
const objectKind = z
  .string({ invalid_type_error: 'must be a single string' })
  .refine(
    (value): value is ApplicationObjectKind =>
      (APPLICATION_OBJECT_KINDS as readonly string[]).includes(value),
    value => ({
      message: `${shown(value)} must be one of ${APPLICATION_OBJECT_KINDS.join(
        ', ',
      )}`,
    }),
  )
  .optional();

/** The detail route's query. */
export const detailQuery = z.object({
  refresh,
  appNamespace,
  /** Needed only when a Kustomization, HelmRelease or Application share a name on one cluster. */
  kind: objectKind,
  /** `include=guidance` adds the guidance to the detail: one request per application for the tab. */
  include: z
    .enum(['guidance'], {
      errorMap: () => ({ message: "must be 'guidance'" }),
    })
    .optional(),
});

/** An action route's query: which object, as for the detail. */
export const actionQuery = z.object({ appNamespace, kind: objectKind });
