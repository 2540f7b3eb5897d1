/** The errors of the calls feature, for the API to answer with a clear status. */
import type { JoinRefusalReason } from "./window.ts";

/** The caller may not join (or report on) this call now; `reason` says why. */
export class CallRefusedError extends Error {
  constructor(readonly reason: JoinRefusalReason, message: string) {
    super(message);
    this.name = "CallRefusedError";
  }
}

/** A media server webhook that does not verify (wrong key, changed body, stale). */
export class WebhookRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookRejectedError";
  }
}
