/*
 * The demo portal's backend: a standard Backstage backend with the catalog,
 * guest sign-in, search, signals, a permission policy and the GitOps plugin.
 * Nothing here knows about the Argo CD simulator: app-config.yaml points the
 * plugin at it, and `npm run start:backend -- --config my.yaml` points it
 * elsewhere.
 */
import { createBackend } from '@backstage/backend-defaults';
import { gitopsKnowledgeSearchModule } from '@gitops-guide/backstage-plugin-gitops-backend';
import { demoPermissionPolicyModule } from './demoPermissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
// Everyone reads everything; only an entity's owners act on its applications.
backend.add(demoPermissionPolicyModule);
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// Pushes changes of watched Argo CD applications to the pages showing them.
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@gitops-guide/backstage-plugin-gitops-backend'));
// Indexes the GitOps knowledge base in Backstage search (type `gitops-knowledge`).
backend.add(gitopsKnowledgeSearchModule);

backend.start();
