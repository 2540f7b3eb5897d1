/**
 * How the money features' errors answer over HTTP: a limit is a 429 with
 * Retry-After (or a 400 when waiting will not help), a processor's refusal
 * is a 400 with its own words, a processor that does not answer a 502, and
 * a webhook that fails verification a 400 that moves nothing. Bookings:
 * a taken time is a 409 (slot_unavailable, learner_busy, hold_lapsed), a
 * start the expert's rules refuse a 400 naming the rule, and a short wallet
 * a 402 saying how much is missing.
 */
import { WebhookVerificationError } from "@/services/payments/mod.ts";
import { PaymentProviderError } from "@/services/payments/mod.ts";
import { TopUpLimitError } from "@/services/wallet/mod.ts";
import {
  BookingFundsError,
  HoldLapsedError,
  LearnerBusyError,
  SlotUnavailableError,
  UnbookableError,
} from "@/services/bookings/mod.ts";

function answer(
  status: number,
  error: string,
  message: string,
  headers?: HeadersInit,
  details?: Record<string, string[]>,
): Response {
  return Response.json(
    details ? { error, message, details } : { error, message },
    { status, headers },
  );
}

/** The response for a money error, or null when `error` is not one. */
export function moneyErrorResponse(error: unknown): Response | null {
  if (error instanceof TopUpLimitError) {
    return error.retryAfterSeconds === null
      ? answer(400, "top_up_limit", error.message)
      : answer(429, "rate_limited", error.message, {
        "retry-after": String(error.retryAfterSeconds),
      });
  }
  if (error instanceof PaymentProviderError) {
    return error.status < 500
      ? answer(400, "payment_refused", error.message)
      : answer(502, "payment_unavailable", error.message);
  }
  if (error instanceof WebhookVerificationError) {
    return answer(400, "invalid_signature", error.message);
  }
  return bookingErrorResponse(error);
}

function bookingErrorResponse(error: unknown): Response | null {
  if (error instanceof SlotUnavailableError) {
    return answer(409, "slot_unavailable", error.message);
  }
  if (error instanceof LearnerBusyError) {
    return answer(409, "learner_busy", error.message);
  }
  if (error instanceof HoldLapsedError) {
    return answer(409, "hold_lapsed", error.message);
  }
  if (error instanceof UnbookableError) {
    return answer(400, "unbookable", error.message, undefined, {
      start: [error.message],
      reason: [error.reason],
    });
  }
  if (error instanceof BookingFundsError) {
    return answer(402, "insufficient_funds", error.message, undefined, {
      shortMinor: [String(error.shortMinor)],
      currency: [error.currency],
    });
  }
  return null;
}
