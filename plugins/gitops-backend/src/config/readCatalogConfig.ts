import type { Config } from '@backstage/config';
import { z } from 'zod';
import { parseConfigAt } from '../validation/zodHelpers';

/** The validated `gitops.catalog` configuration. @public */
export interface CatalogConfig {
  /** How long an entity's annotations are kept between catalog reads; 0 reads the catalog, as the caller, on every load. */
  entityCacheSeconds: number;
}

/** Default of `gitops.catalog.entityCacheSeconds`. @public */
export const DEFAULT_ENTITY_CACHE_SECONDS = 30;

const catalogSchema = z.object({
  entityCacheSeconds: z
    .number()
    .int()
    .min(0)
    .max(3_600)
    .default(DEFAULT_ENTITY_CACHE_SECONDS),
});

/** Reads and validates `gitops.catalog`; throws an error naming a bad key. @public */
export function readCatalogConfig(config: Config): CatalogConfig {
  return parseConfigAt(
    'catalog',
    catalogSchema,
    config.getOptional('gitops.catalog') ?? {},
    ['gitops', 'catalog'],
  );
}
