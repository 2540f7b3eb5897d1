/**
 * What experts are told about their withdrawals: a notification in the app
 * and an email (when they want those). Sent after the change has
 * committed; a delivery failure is logged, not thrown.
 */
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";
import { getUser } from "@/services/auth/mod.ts";
import { notify, wantsEmail } from "@/services/notifications/mod.ts";
import type { Withdrawal } from "./model.ts";

const SUBJECTS: Record<string, (amount: string) => string> = {
  requested: (amount) => `We received your withdrawal request for ${amount}`,
  paid: (amount) => `${amount} is on its way to your bank`,
  rejected: (amount) => `Your withdrawal of ${amount} was not approved`,
  failed: (amount) => `Your withdrawal of ${amount} could not be paid`,
};

export async function sendWithdrawalEmail(kv: Deno.Kv, withdrawal: Withdrawal) {
  const subject = SUBJECTS[withdrawal.status];
  const expert = await getUser(kv, withdrawal.expertId);
  if (!subject || !expert) return;
  const amount = formatMoney(withdrawal);
  const body = {
    requested:
      `An admin will review it shortly. The money stays reserved for this withdrawal meanwhile.`,
    paid:
      `It was sent to ${withdrawal.destination}. Banks usually take 1–3 business days.`,
    rejected: `The money is back in your available earnings.${
      withdrawal.note
        ? `\n\nNote from the TapTime team: ${withdrawal.note}`
        : ""
    }`,
    failed: `The payout to ${withdrawal.destination} failed (${
      withdrawal.failureReason ?? "no reason given"
    }). The money is back in your available earnings; check your payout details and try again.`,
    approved: "",
  }[withdrawal.status];
  await notify(kv, expert.id, {
    type: "withdrawal_update",
    title: subject(amount),
    body: body.split("\n\n")[0],
    link: "/expert/earnings",
  });
  if (!(await wantsEmail(kv, expert.id, "withdrawal_update"))) return;
  try {
    await getEmailProvider(kv).send({
      to: expert.email,
      subject: subject(amount),
      text: `Hi ${expert.name},\n\n${
        subject(amount)
      }.\n\n${body}\n\nWithdrawal ${withdrawal.id}\n\n— TapTime`,
    });
  } catch (error) {
    console.error(`Could not email about withdrawal ${withdrawal.id}:`, error);
  }
}
