/**
 * The bookings feature's emails. Sent after the change they describe has
 * committed; a delivery failure is logged, never thrown, because the change
 * already happened.
 */
import { getUser } from "@/services/auth/mod.ts";
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import type { Hold } from "./model.ts";

/** Tells the learner the time they held was lost, and why. */
export async function sendHoldLapsed(
  kv: Deno.Kv,
  hold: Hold,
  reason: string,
): Promise<void> {
  const learner = await getUser(kv, hold.learnerId);
  if (!learner) return;
  const when = new Date(hold.start).toLocaleString("en-GB", {
    timeZone: hold.learnerTimeZone,
    dateStyle: "full",
    timeStyle: "short",
  });
  try {
    await getEmailProvider(kv).send({
      to: learner.email,
      subject: `The time you held was released: ${hold.offeringTitle}`,
      text: [
        `Hi ${learner.name},`,
        "",
        `You held ${when} (${hold.learnerTimeZone}) for "${hold.offeringTitle}".`,
        reason,
        "",
        "Nothing was charged for the session.",
        "",
        "— TapTime",
      ].join("\n"),
    });
  } catch (error) {
    console.error(`Could not tell the learner about hold ${hold.id}:`, error);
  }
}
