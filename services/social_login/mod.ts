/**
 * Social login's public entry: signing in (and signing up) with Google or
 * LinkedIn over OpenID Connect, linking such identities to an account and
 * unlinking them. The account itself (sessions, the second factor, new
 * accounts) is services/auth's, reached through its flows.
 */
export {
  createSocialLoginClients,
  getSocialLoginClients,
  type SocialLoginClients,
  socialLoginProvider,
} from "./clients.ts";
export {
  beginSocialLogin,
  confirmLinkByEmail,
  confirmLinkWithPassword,
  describePendingLink,
  emailLinkConfirmation,
  finishSocialLogin,
  type SocialLoginOutcome,
} from "./sign_in.ts";
export { listLinkedIdentities, unlinkIdentity } from "./identities.ts";
export {
  type LinkedIdentity,
  PROVIDER_INFO,
  type ProviderSettings,
  SOCIAL_PROVIDERS,
  SocialLoginError,
  type SocialLoginSettings,
  type SocialProvider,
  socialProviderSchema,
  type VerifiedIdentity,
} from "./model.ts";
export { FLOW_MS, PENDING_LINK_MS, type SignupRole } from "./store.ts";
