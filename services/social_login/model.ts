/**
 * The shapes of social login: which providers exist, how each is reached,
 * what a provider proved about a person, and an identity linked to an
 * account.
 */
import { z } from "zod";

/** The providers a person can sign in with, in the order buttons show. */
export const SOCIAL_PROVIDERS = ["google", "linkedin"] as const;
export const socialProviderSchema = z.enum(
  SOCIAL_PROVIDERS,
  "There is no such sign-in provider.",
);
export type SocialProvider = z.infer<typeof socialProviderSchema>;

/** What is fixed about each provider: its name, OpenID issuer and scopes. */
export const PROVIDER_INFO: Record<
  SocialProvider,
  { label: string; issuer: string; scope: string }
> = {
  google: {
    label: "Google",
    issuer: "https://accounts.google.com",
    scope: "openid email profile",
  },
  linkedin: {
    label: "LinkedIn",
    issuer: "https://www.linkedin.com/oauth",
    scope: "openid profile email",
  },
};

/** One provider's client registration (env.ts: GOOGLE_CLIENT_ID, …). */
export interface ProviderSettings {
  clientId: string;
  clientSecret: string;
  /** Another issuer than the provider's own (a local provider in tests). */
  issuer?: string;
}

/** The configured providers; one left out shows no button. */
export type SocialLoginSettings = Partial<
  Record<SocialProvider, ProviderSettings>
>;

/** What a provider's ID token (and user info) proved about a person. */
export interface VerifiedIdentity {
  provider: SocialProvider;
  /** The provider's stable id for the person (`sub`). */
  subject: string;
  email: string | null;
  /** Only a verified email may match (or create) an account. */
  emailVerified: boolean;
  name: string | null;
}

/** A provider identity that signs in to one account. */
export const linkedIdentitySchema = z.object({
  provider: socialProviderSchema,
  subject: z.string(),
  userId: z.string(),
  /** The email the provider gave when it was linked, to tell links apart. */
  email: z.string().nullable(),
  linkedAt: z.iso.datetime(),
});
export type LinkedIdentity = z.infer<typeof linkedIdentitySchema>;

/** Why a social sign-in was refused, in words for the person. */
export class SocialLoginError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
    this.name = "SocialLoginError";
  }
}
