/**
 * What each FAQ {token} says today: the settings in force, formatted for
 * reading, and how payments are handled. One place for the public page
 * and the admin's preview of the tokens.
 */
import type { FaqToken } from "@/services/content/mod.ts";
import type { Settings } from "@/services/settings/mod.ts";
import { majorMoney } from "@/web/money_forms.ts";

/** The tokens' values; `stripe`: whether card payments go through Stripe. */
export function faqTokenValues(
  settings: Settings,
  stripe: boolean,
): Record<FaqToken, string> {
  return {
    commissionPercent: String(settings.commissionPercent),
    refundWindowDays: String(settings.refundWindowDays),
    recordingRetentionDays: String(settings.recordingRetentionDays),
    minimumWithdrawal: majorMoney(settings.minimumWithdrawal, "USD"),
    payoutSetup: stripe
      ? "Set up payouts with Stripe"
      : "Add your bank account (IBAN)",
    paymentSecurity: stripe
      ? "Card payments are handled by Stripe, an established card payment provider; TapTime never stores your card number."
      : "This site runs in test mode: payments are simulated with test card numbers, no money moves, and no card number is stored.",
  };
}
