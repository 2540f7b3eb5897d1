/**
 * A recorded LiveKit call at its start, for tests of what LiveKit tells the
 * app: the local LiveKit stand-in (with an S3 bucket), the app configured
 * for it, an expert whose offering offers recording, a learner who booked
 * it with consent, the clock at the session's start, and both parties
 * connected to the room. Their `participant_joined` webhooks are left to
 * the test, as is everything after.
 */
import { expect } from "expect";
import { useFakeClock } from "@/services/platform/clock.ts";
import { type AuthTestApp, createAuthTestApp, signUp } from "./auth.ts";
import { recordedBooking } from "./bookings.ts";
import {
  type LiveKitTestServer,
  startLiveKitServer,
} from "./livekit_server.ts";
import { checkApiAnswers } from "../api/contract.ts";

type Party = Awaited<ReturnType<typeof signUp>>;

export interface LiveKitCall extends AsyncDisposable {
  app: AuthTestApp;
  livekit: LiveKitTestServer;
  clock: ReturnType<typeof useFakeClock>;
  learner: Party;
  expert: Party;
  bookingId: string;
  /** The LiveKit room of the booking. */
  room: string;
}

/** The call, set up as the module comment says; dispose of it with `await using`. */
export async function joinedLiveKitCall(): Promise<LiveKitCall> {
  // deno-lint-ignore react-rules-of-hooks -- a fake clock, not a Preact hook
  const clock = useFakeClock(new Date("2030-06-03T08:00:00Z"));
  const livekit = startLiveKitServer({ bucket: true });
  const app = checkApiAnswers(await createAuthTestApp({ env: livekit.env }));
  const { expert, learner, id: bookingId, start } = await recordedBooking(app);
  clock.set(new Date(start));
  for (const party of [learner, expert]) {
    const joined = await party.api("POST", `/api/bookings/${bookingId}/call`);
    expect(joined.body.mode).toBe("livekit");
    await livekit.connect(joined.body.token);
  }
  return {
    app,
    livekit,
    clock,
    learner,
    expert,
    bookingId,
    room: `taptime-booking-${bookingId}`,
    async [Symbol.asyncDispose]() {
      await app[Symbol.asyncDispose]();
      await livekit[Symbol.asyncDispose]();
      clock[Symbol.dispose]();
    },
  };
}

/**
 * Sends a webhook delivery to the app, as LiveKit would (without an
 * `authorization`, as a forger without the key might).
 */
export async function postLiveKitWebhook(
  app: Pick<AuthTestApp, "fetch">,
  delivery: { body: string; authorization?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await app.fetch(
    new Request("http://localhost:8000/api/livekit/webhook", {
      method: "POST",
      headers: {
        "content-type": "application/webhook+json",
        ...(delivery.authorization
          ? { authorization: delivery.authorization }
          : {}),
      },
      body: delivery.body,
    }),
  );
  return { status: answer.status, body: await answer.json() };
}
