/*
 * The demo portal, shaped like the app `@backstage/create-app` makes today:
 * Backstage's new frontend system. `app.packages: all` in app-config.yaml
 * discovers every frontend plugin this package depends on — the GitOps
 * plugin among them, with no line of code here.
 */
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import { appModule } from './modules/app';

export default createApp({
  features: [
    catalogPlugin,
    // Provides `signalApiRef`: the GitOps card and tab re-read as soon as the
    // backend pushes a change, instead of waiting for the next poll. Listed
    // so that it stays on with `app.packages` narrowed (it is deduplicated).
    signalsPlugin,
    appModule,
  ],
});
