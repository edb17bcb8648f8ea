import { SignInPage } from '@backstage/core-components';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** Signs in as the guest user at once: the demo has no real identity provider. */
export const guestSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props => (
      <SignInPage {...props} auto providers={['guest']} />
    ),
  },
});
