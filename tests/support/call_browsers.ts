/**
 * Browsers for the call tests: Chromium with its fake camera and
 * microphone (and autoplay allowed, local addresses kept, so two pages on
 * one machine can connect peer-to-peer), and the people of a call, each
 * signed up in a page of their own: a learner on a phone, the expert on a
 * desktop, and a stranger on a phone who must never find the call.
 */
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
} from "playwright-core";
import { getUserByEmail, type PublicUser } from "@/services/auth/mod.ts";
import { CHROMIUM_PATH } from "./helpers.ts";
import { signUpInBrowser } from "./browser_flows.ts";

/** Chromium as the call tests need it; close it when done. */
export async function launchCallBrowser(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
      "--disable-features=WebRtcHideLocalIpsWithMdns",
    ],
  });
}

export interface CallParties {
  learnerPage: Page;
  expertPage: Page;
  strangerPage: Page;
  learner: PublicUser;
  expert: PublicUser;
  /** Uncaught errors of any of the pages, to expect empty at the end. */
  errors: string[];
}

/**
 * The three people, signed up through the sign-up page; `prepare` runs on
 * each browser context before its page opens (e.g. an init script).
 */
export async function callParties(
  browser: Browser,
  app: { baseUrl: string; kv: Deno.Kv },
  prepare: (context: BrowserContext) => Promise<void> = async () => {},
): Promise<CallParties> {
  const errors: string[] = [];
  const open = async (width: number, height: number) => {
    const context = await browser.newContext({ viewport: { width, height } });
    await prepare(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    return page;
  };
  const learnerPage = await open(360, 800);
  const expertPage = await open(1280, 900);
  const strangerPage = await open(360, 800);
  const id = crypto.randomUUID();
  const emails = {
    learner: `call-learner-${id}@example.com`,
    expert: `call-expert-${id}@example.com`,
    stranger: `call-stranger-${id}@example.com`,
  };
  await signUpInBrowser(learnerPage, app.baseUrl, {
    role: "learner",
    name: "Lena Learner",
    email: emails.learner,
  });
  await signUpInBrowser(expertPage, app.baseUrl, {
    role: "expert",
    name: "Eve Expert",
    email: emails.expert,
  });
  await signUpInBrowser(strangerPage, app.baseUrl, {
    role: "learner",
    name: "Sam Stranger",
    email: emails.stranger,
  });
  return {
    learnerPage,
    expertPage,
    strangerPage,
    learner: (await getUserByEmail(app.kv, emails.learner))!,
    expert: (await getUserByEmail(app.kv, emails.expert))!,
    errors,
  };
}
