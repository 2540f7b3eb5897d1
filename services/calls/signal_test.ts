import { expect } from "expect";
import { useFakeClock } from "@/services/platform/clock.ts";
import { readEventsAfter } from "@/services/platform/events.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { RateLimitedError } from "@/services/auth/mod.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import type { CallBooking } from "./model.ts";
import { CallRefusedError } from "./errors.ts";
import {
  CALL_SIGNAL_EVENT,
  MAX_SIGNAL_BYTES,
  sendSignal,
  SIGNAL_TTL_MS,
  SIGNALS_PER_MINUTE,
} from "./signal.ts";

const booking: CallBooking = {
  id: "b1",
  learnerId: "learner",
  expertId: "expert",
  start: "2030-05-01T10:00:00.000Z",
  end: "2030-05-01T11:00:00.000Z",
  status: "confirmed",
};
const inWindow = new Date("2030-05-01T09:55:00.000Z");
const offer = { type: "offer", sdp: "v=0\r\n" };

Deno.test("a signal reaches only the other party, numbered, kept two minutes", async () => {
  await using kv = await openTestKv();
  using _clock = useFakeClock(inWindow);
  const sent = await sendSignal(kv, booking, "learner", {
    type: "offer",
    session: "page-one-123",
    payload: offer,
  });
  expect(sent).toMatchObject({ from: "learner", fromUserId: "learner" });
  const { events } = await readEventsAfter(kv, "expert", 0, 10);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    seq: 1,
    type: CALL_SIGNAL_EVENT,
    data: { bookingId: "b1", session: "page-one-123", payload: offer },
    expiresAt: new Date(inWindow.getTime() + SIGNAL_TTL_MS).toISOString(),
  });
  expect((await readEventsAfter(kv, "learner", 0, 10)).events).toEqual([]);
});

Deno.test("signals are refused outside the window, to others, and when malformed or too big", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-05-01T09:40:00.000Z"));
  const hello = { type: "hello", session: "page-one-123" };
  await expect(sendSignal(kv, booking, "learner", hello)).rejects.toThrow(
    CallRefusedError,
  );
  clock.set(inWindow);
  await expect(sendSignal(kv, booking, "stranger", hello)).rejects.toThrow(
    CallRefusedError,
  );
  await expect(
    sendSignal(kv, booking, "learner", { type: "shout", session: "x" }),
  ).rejects.toThrow(ValidationError);
  await expect(sendSignal(kv, booking, "learner", {
    type: "offer",
    session: "page-one-123",
    payload: { sdp: "a".repeat(MAX_SIGNAL_BYTES) },
  })).rejects.toThrow(ValidationError);
  // After the window a party may still hang up, but not negotiate.
  clock.set(new Date("2030-05-01T11:20:00.000Z"));
  await expect(sendSignal(kv, booking, "learner", hello)).rejects.toThrow(
    CallRefusedError,
  );
  await sendSignal(kv, booking, "learner", { ...hello, type: "hangup" });
  const cancelled = { ...booking, status: "cancelled" };
  clock.set(inWindow);
  await expect(sendSignal(kv, cancelled, "expert", hello)).rejects.toThrow(
    CallRefusedError,
  );
});

Deno.test("a party sending too many signals is slowed down", async () => {
  await using kv = await openTestKv();
  using _clock = useFakeClock(inWindow);
  const candidate = {
    type: "candidate",
    session: "page-one-123",
    payload: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host" },
  };
  for (let i = 0; i < SIGNALS_PER_MINUTE; i++) {
    await sendSignal(kv, booking, "expert", candidate);
  }
  await expect(sendSignal(kv, booking, "expert", candidate)).rejects.toThrow(
    RateLimitedError,
  );
  // The other party is counted apart.
  await sendSignal(kv, booking, "learner", candidate);
});
