/**
 * What an expert is told when an admin decides on their application or
 * changes whether their profile is public: an email (when they want those)
 * and a notification in the app.
 */
import { deliver } from "@/services/auth/mod.ts";
import { notify, wantsEmail } from "@/services/notifications/mod.ts";
import { now } from "@/services/platform/clock.ts";
import type { EmailMessage } from "@/services/platform/email/mod.ts";
import type { ReviewDecision } from "./model.ts";
import { reapplyDateText, reapplyFrom } from "./reapply.ts";

/** The message telling `name` about `decision`, with the reviewer's note. */
export function decisionEmail(
  to: string,
  name: string,
  userId: string,
  decision: ReviewDecision,
  note: string | null,
  baseUrl: string,
) {
  const base = baseUrl.replace(/\/+$/, "");
  const noteText = note ? `\n\nNote from the reviewer:\n${note}` : "";
  const messages: Record<ReviewDecision, [string, string]> = {
    approved: [
      "Your TapTime expert application was approved",
      `Your profile is now public at ${base}/experts/${userId}`,
    ],
    rejected: [
      "Your TapTime expert application was not approved",
      `After review we are not able to approve your application. You can apply again from ${
        reapplyDateText(
          reapplyFrom({
            status: "rejected",
            decidedAt: now().toISOString(),
            updatedAt: now().toISOString(),
          })!,
        )
      }: open ${base}/expert/application then.`,
    ],
    changes_requested: [
      "Changes requested on your TapTime expert application",
      `Please update your application and submit it again: ${base}/expert/application`,
    ],
    unpublished: [
      "Your TapTime profile was unpublished",
      "Your expert profile is no longer shown to learners.",
    ],
    republished: [
      "Your TapTime profile is public again",
      "Your expert profile is shown to learners again.",
    ],
  };
  const [subject, body] = messages[decision];
  return {
    to,
    subject,
    text: `Hi ${name},\n\n${body}${noteText}\n\n— TapTime`,
  };
}

/** Where each decision's notification leads. */
const DECISION_LINKS: Record<ReviewDecision, string> = {
  approved: "/expert",
  rejected: "/expert/application",
  changes_requested: "/expert/application",
  unpublished: "/expert/profile",
  republished: "/expert/profile",
};

/** Tells `userId` of `decision`: in the app, and `email` when they want it. */
export async function sendDecision(
  kv: Deno.Kv,
  userId: string,
  decision: ReviewDecision,
  email: EmailMessage,
): Promise<void> {
  await notify(kv, userId, {
    type: "application_decision",
    title: email.subject,
    body: email.text.split("\n\n")[1] ?? "",
    link: DECISION_LINKS[decision],
  });
  if (await wantsEmail(kv, userId, "application_decision")) {
    await deliver(kv, email);
  }
}
