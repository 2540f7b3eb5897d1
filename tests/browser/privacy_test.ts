/**
 * A learner's data, in a real browser at 360 and 1280 px: sign-up with the
 * terms accepted, an export asked for on the privacy page, its link read
 * from the development outbox, the ZIP downloaded and opened; then deleting
 * the account, refused while a session is booked, allowed once it took
 * place, with the password as re-authentication. axe checks every page.
 */
import { expect } from "expect";
import { unzipSync } from "fflate";
import { getBookingFor, processDueWork } from "@/services/bookings/mod.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { POLICY_VERSION } from "@/services/privacy/mod.ts";
import { linkFromOutbox } from "@/tests/support/auth.ts";
import { attendCall, bookingOf } from "@/tests/support/bookings.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  expectAccessible,
  PASSWORD,
  signUpInBrowser,
  until,
  withBrowser,
} from "@/tests/support/browser_flows.ts";

const SHOTS = Deno.env.get("PRIVACY_SCREENSHOTS");

/** The learner's session takes place and completes: `clock` moves past it. */
async function completeSession(
  kv: Deno.Kv,
  clock: { set(date: Date): void },
  learnerId: string,
  bookingId: string,
): Promise<void> {
  const { booking } = await getBookingFor(
    kv,
    { id: learnerId, role: "learner" },
    bookingId,
  );
  await attendCall(kv, clock, booking);
  clock.set(new Date(Date.parse(booking.end) + 3_600_000));
  await processDueWork(kv);
}

Deno.test({
  name: "a learner exports their data and deletes their account",
  ignore: !browserTestsEnabled,
  async fn() {
    // The session must take place: the test moves the clock past it.
    using clock = useFakeClock(new Date());
    await withBrowser(async (app, browser) => {
      for (const width of [360, 1280]) {
        const context = await browser.newContext({
          viewport: { width, height: 800 },
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        const email = `privacy-${width}@example.com`;
        await signUpInBrowser(page, app.baseUrl, {
          role: "learner",
          name: `Pia Private ${width}`,
          email,
          onEmptyForm: expectAccessible,
        });
        const user = (await getUserByEmail(app.kv, email))!;

        // The policy the account accepted, and the export.
        await page.goto(`${app.baseUrl}/account/privacy`);
        await expect(
          page.getByText(`You accepted version ${POLICY_VERSION}`).count(),
        ).resolves.toBe(1);
        await expectAccessible(page);
        await page.getByRole("button", { name: "Request my data" }).click();
        await page.getByText("We're preparing your export").waitFor();
        let link = "";
        await until(async () => {
          const answer = await page.request.get(
            `${app.baseUrl}/api/me/privacy`,
          );
          const ready = (await answer.json()).exports.find((
            record: { status: string },
          ) => record.status === "ready");
          if (!ready) return false;
          // Throws (not yet) until the email is in the outbox.
          link = await linkFromOutbox(
            app.kv,
            email,
            `/account/privacy/exports/${ready.id}`,
          );
          return true;
        }, { what: "the export email", ignoreErrors: true });
        const downloading = page.waitForEvent("download");
        await page.goto(`${app.baseUrl}${link}`).catch(() => {});
        const download = await downloading;
        const zip = unzipSync(await Deno.readFile((await download.path())!));
        const account = JSON.parse(
          new TextDecoder().decode(zip["account.json"]),
        );
        expect(account).toMatchObject({ email, name: `Pia Private ${width}` });
        expect(account.policyAcceptance.version).toBe(POLICY_VERSION);

        // A session still to come: deletion is refused, saying why.
        const bookingId = await bookingOf(app.kv, {
          id: user.id,
          role: "learner",
          timeZone: "UTC",
        });
        await page.goto(`${app.baseUrl}/account/privacy`);
        await page.getByText("Before you can delete your account:").waitFor();
        await expect(
          page.getByRole("link", { name: /^Cancel or complete your session/ })
            .count(),
        ).resolves.toBe(1);
        await expect(
          page.getByRole("button", { name: "Delete my account" }).count(),
        ).resolves.toBe(0);
        await expectAccessible(page);
        if (SHOTS) {
          await page.screenshot({
            path: `${SHOTS}/privacy-blocked-${width}.png`,
            fullPage: true,
          });
        }

        // The session takes place and completes: nothing is owed any more.
        await completeSession(app.kv, clock, user.id, bookingId);
        await page.goto(`${app.baseUrl}/account/privacy`);
        await page.getByRole("button", { name: "Delete my account" }).click();
        // The password is asked for.
        await page.getByText("Enter your password.").first().waitFor();
        await expectAccessible(page);
        await page.getByLabel("Your password").fill(PASSWORD);
        await page.getByRole("button", { name: "Delete my account" }).click();
        await page.getByRole("heading", {
          name: "Your account will be deleted",
        })
          .waitFor();
        await expectAccessible(page);
        if (SHOTS) {
          await page.screenshot({
            path: `${SHOTS}/privacy-scheduled-${width}.png`,
            fullPage: true,
          });
        }
        // Signed out everywhere.
        await page.goto(`${app.baseUrl}/account`);
        await page.waitForURL(/\/login\?next=/);
        expect(errors).toEqual([]);
        await context.close();
      }
    });
  },
});
