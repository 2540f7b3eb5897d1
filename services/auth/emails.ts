/**
 * The emails the account flows send. Each builder returns a ready message;
 * `deliver` sends it and logs (rather than throws) a delivery failure, because
 * the change the email tells about has already been committed.
 */
import {
  type EmailMessage,
  getEmailProvider,
} from "@/services/platform/email/mod.ts";

/** Sends `message`; a failure is logged, not thrown. */
export async function deliver(kv: Deno.Kv, message: EmailMessage) {
  try {
    await getEmailProvider(kv).send(message);
  } catch (error) {
    console.error(`Could not send "${message.subject}" email:`, error);
  }
}

function link(baseUrl: string, path: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}?token=${
    encodeURIComponent(token)
  }`;
}

export function verificationEmail(
  to: string,
  name: string,
  token: string,
  baseUrl: string,
): EmailMessage {
  const url = link(baseUrl, "/verify-email", token);
  return {
    to,
    subject: "Confirm your email address for TapTime",
    text:
      `Hi ${name},\n\nPlease confirm your email address by opening this link:\n\n${url}\n\n` +
      `The link works once and expires in 24 hours. If you did not create a TapTime account, ignore this email.\n\n— TapTime`,
  };
}

export function passwordResetEmail(
  to: string,
  name: string,
  token: string,
  baseUrl: string,
): EmailMessage {
  const url = link(baseUrl, "/reset-password", token);
  return {
    to,
    subject: "Reset your TapTime password",
    text:
      `Hi ${name},\n\nSomeone (hopefully you) asked to reset your TapTime password. Choose a new one here:\n\n${url}\n\n` +
      `The link works once and expires in 30 minutes. If you did not ask for this, ignore this email: your password stays the same.\n\n— TapTime`,
  };
}

export function accountLockedEmail(
  to: string,
  name: string,
  minutes: number,
  baseUrl: string,
): EmailMessage {
  return {
    to,
    subject: "Your TapTime account was locked",
    text:
      `Hi ${name},\n\nWe locked sign-ins to your account for ${minutes} minutes after 10 wrong passwords in a row.\n\n` +
      `If this was not you, someone may be guessing your password. Once the lock ends, consider resetting it:\n\n${
        baseUrl.replace(/\/+$/, "")
      }/forgot-password\n\n— TapTime`,
  };
}

export function emailChangedEmail(
  oldAddress: string,
  name: string,
  newAddress: string,
): EmailMessage {
  return {
    to: oldAddress,
    subject: "Your TapTime email address was changed",
    text:
      `Hi ${name},\n\nThe email address of your TapTime account was changed to ${newAddress}.\n\n` +
      `If you did not do this, contact support right away.\n\n— TapTime`,
  };
}

export function emailChangeRequestedEmail(
  oldAddress: string,
  name: string,
  newAddress: string,
): EmailMessage {
  return {
    to: oldAddress,
    subject: "A change of your TapTime email address was requested",
    text:
      `Hi ${name},\n\nSomeone signed in to your TapTime account asked to change its email address to ${newAddress}. ` +
      `Nothing changes until the link sent to that address is opened; until then we keep using this one.\n\n` +
      `If you did not do this, change your password and contact support right away.\n\n— TapTime`,
  };
}

export function passwordChangedEmail(to: string, name: string): EmailMessage {
  return {
    to,
    subject: "Your TapTime password was changed",
    text:
      `Hi ${name},\n\nThe password of your TapTime account was just changed, and other devices were signed out.\n\n` +
      `If you did not do this, reset your password and contact support right away.\n\n— TapTime`,
  };
}
