/**
 * What the booking pages say when a booking service refuses: the status
 * the page answers with and one plain sentence. Expected refusals only;
 * anything else is thrown again to become the 500 page.
 */
import {
  BookingFundsError,
  HoldLapsedError,
  LearnerBusyError,
  SlotUnavailableError,
  UnbookableError,
} from "@/services/bookings/mod.ts";
import { formFailure } from "@/web/form_failure.ts";
import { moneyFailure } from "@/web/money_forms.ts";

export interface BookingRefusal {
  status: number;
  message: string;
  /** One message per form field, when the input itself was wrong. */
  errors: Record<string, string>;
  /** True when the time was taken: the page shows fresh times. */
  taken: boolean;
}

/** The page's answer to a refused booking, cancel, move or report. */
export function bookingRefusal(error: unknown): BookingRefusal {
  if (error instanceof SlotUnavailableError) {
    return {
      status: 409,
      message:
        "Sorry, someone else just booked that time. Nothing was charged. Here are the times still free; please choose another.",
      errors: {},
      taken: true,
    };
  }
  if (error instanceof LearnerBusyError || error instanceof HoldLapsedError) {
    return { status: 409, message: error.message, errors: {}, taken: true };
  }
  if (error instanceof UnbookableError) {
    return { status: 400, message: error.message, errors: {}, taken: true };
  }
  if (error instanceof BookingFundsError) {
    return { status: 402, message: error.message, errors: {}, taken: false };
  }
  const failure = moneyFailure(error);
  return {
    status: failure.status,
    message: failure.message,
    errors: failure.errors,
    taken: false,
  };
}

/** A validation or conflict message only (no money providers involved). */
export function plainRefusal(error: unknown): BookingRefusal {
  const failure = formFailure(error);
  return {
    status: failure.status,
    message: failure.message ?? Object.values(failure.errors)[0] ??
      "Please check the form.",
    errors: failure.errors,
    taken: false,
  };
}
