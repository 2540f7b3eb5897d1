/**
 * The wallet's emails. Sent after the change they describe has committed; a
 * delivery failure is logged, never thrown, because the money already moved.
 */
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";
import { localTime } from "@/services/platform/local_time.ts";
import { getUser } from "@/services/auth/mod.ts";
import type { TopUp } from "./model.ts";

export async function sendTopUpReceipt(kv: Deno.Kv, topUp: TopUp) {
  const learner = await getUser(kv, topUp.learnerId);
  if (!learner) return;
  const paid = formatMoney(topUp);
  const lines = [
    `Hi ${learner.name},`,
    "",
    `Thank you: your payment of ${paid} went through and the credits are in your wallet.`,
    "",
    `Receipt ${topUp.id}`,
    `Paid: ${paid}`,
    ...(topUp.taxMinor > 0
      ? [
        `Tax: ${
          formatMoney({ amountMinor: topUp.taxMinor, currency: topUp.currency })
        }`,
      ]
      : []),
    `Credits added: ${paid}`,
    ...(topUp.bonusMinor > 0
      ? [
        `Bonus credits: ${
          formatMoney({
            amountMinor: topUp.bonusMinor,
            currency: topUp.currency,
          })
        }`,
      ]
      : []),
    ...(topUp.paidAt
      ? [
        `Date: ${
          localTime(topUp.paidAt, learner.timeZone)
        } (${learner.timeZone})`,
      ]
      : []),
    "",
    "Unused credits from a top-up can be refunded to your card from your wallet.",
    "",
    "— TapTime",
  ];
  try {
    await getEmailProvider(kv).send({
      to: learner.email,
      subject: `Your TapTime receipt: ${paid} in credits`,
      text: lines.join("\n"),
    });
  } catch (error) {
    console.error(`Could not send the receipt for top-up ${topUp.id}:`, error);
  }
}
