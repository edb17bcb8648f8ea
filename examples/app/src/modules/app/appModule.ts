import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { guestSignInPage } from './GuestSignInPage';
import { sidebarContent } from './Sidebar';

/** The demo's own touches to the app: its sidebar and guest sign-in. */
export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sidebarContent, guestSignInPage],
});
