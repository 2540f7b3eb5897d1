/**
 * The wire format of the event stream (Server-Sent Events, as browsers'
 * EventSource reads it): numbered events carry `id:` so a reconnect resumes
 * after the last one with `Last-Event-ID`; ephemeral ones (typing) carry none
 * and are never replayed. Data is one line of JSON.
 */

/** Why the server ends a stream (sent as an `end` event, except at shutdown). */
export type StreamEnd =
  /** Logout, suspension, password change or expiry: do not reconnect. */
  | "session_ended"
  /** The user opened more streams than allowed; this was the oldest. */
  | "replaced"
  /** The process is stopping: reconnect (to another process). */
  | "shutdown";

/** One event as the stream sends it. */
export function encodeSse(
  event: { seq?: number; type: string; data: unknown },
): string {
  const id = event.seq === undefined ? "" : `id: ${event.seq}\n`;
  return `${id}event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** The last event of a stream ended for `reason`, or null (reconnect). */
export function closedReasonEvent(reason: StreamEnd): string | null {
  if (reason === "shutdown") return null;
  return encodeSse({ type: "end", data: { reason } });
}

/**
 * The event id to resume after, from the `Last-Event-ID` header (sent by
 * EventSource when it reconnects) or the `lastEventId` query parameter (a
 * page's first connection, so nothing between rendering and connecting is
 * lost). Null: start with new events. Undefined: malformed.
 */
export function resumePoint(
  header: string | undefined,
  query: string | undefined,
): number | null | undefined {
  const raw = (header ?? query ?? "").trim();
  if (raw === "") return null;
  if (!/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

/** True when `accept` lets the answer be an event stream. */
export function acceptsEventStream(accept: string | undefined): boolean {
  return /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(accept ?? "");
}
