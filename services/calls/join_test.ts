import { expect } from "expect";
import { useFakeClock } from "@/services/platform/clock.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import type { CallBooking } from "./model.ts";
import { CallRefusedError } from "./errors.ts";
import { applyCallEvent } from "./events.ts";
import { attendanceOutcomeFor, getAttendance } from "./attendance.ts";
import {
  endCall,
  heartbeatCall,
  joinCall,
  leaveCall,
  removeFromCalls,
} from "./join.ts";

const booking: CallBooking = {
  id: "b1",
  learnerId: "learner",
  expertId: "expert",
  start: "2030-05-01T10:00:00.000Z",
  end: "2030-05-01T11:00:00.000Z",
  status: "confirmed",
};
const at = (iso: string) => new Date(iso);

Deno.test("peer-to-peer: join, heartbeats and leave become each party's time", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(at("2030-05-01T09:59:30.000Z"));
  const access = await joinCall(kv, booking, "learner");
  expect(access).toEqual({ mode: "p2p", iceServers: [], heartbeatSeconds: 15 });
  clock.set(at("2030-05-01T10:00:00.000Z"));
  await joinCall(kv, booking, "expert");
  for (let i = 0; i < 4; i++) {
    clock.advance(15_000);
    await heartbeatCall(kv, booking, "learner");
    await heartbeatCall(kv, booking, "expert");
  }
  await leaveCall(kv, booking, "expert");
  const view = await getAttendance(kv, booking);
  expect(view.mode).toBe("p2p");
  expect(view.outcome).toBeNull(); // the window is still open
  expect(view.participants).toMatchObject([
    { party: "learner", joined: true, present: true, durationSeconds: 90 },
    { party: "expert", joined: true, present: false, durationSeconds: 60 },
  ]);
  clock.set(at("2030-05-01T11:15:00.000Z"));
  expect((await getAttendance(kv, booking)).outcome?.verdict).toBe("attended");
  expect(await attendanceOutcomeFor(kv, booking)).toMatchObject({
    verdict: "attended",
    final: true,
  });
});

Deno.test("outside the window, for others and for a cancelled booking, joining is refused", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(at("2030-05-01T09:49:00.000Z"));
  await expect(joinCall(kv, booking, "learner")).rejects.toThrow(
    CallRefusedError,
  );
  clock.set(at("2030-05-01T10:30:00.000Z"));
  await expect(joinCall(kv, booking, "stranger")).rejects.toThrow(
    "Only the booking's learner and expert",
  );
  await expect(
    joinCall(kv, { ...booking, status: "cancelled" }, "expert"),
  ).rejects.toThrow("cancelled");
  await expect(heartbeatCall(kv, booking, "stranger")).rejects.toThrow(
    CallRefusedError,
  );
  expect(
    (await getAttendance(kv, booking)).participants.every((p) => !p.joined),
  )
    .toBe(true);
});

Deno.test("the expert who never joined leaves the learner a full refund", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(at("2030-05-01T10:01:00.000Z"));
  await joinCall(kv, booking, "learner");
  clock.set(at("2030-05-01T11:20:00.000Z"));
  expect(await attendanceOutcomeFor(kv, booking)).toMatchObject({
    verdict: "expert_absent",
    refundLearnerInFull: true,
    countsAgainstExpert: true,
    final: true,
  });
});

Deno.test("ending a call (cancellation) and removing a suspended user stop their time", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(at("2030-05-01T10:00:00.000Z"));
  await joinCall(kv, booking, "learner");
  await joinCall(kv, booking, "expert");
  clock.advance(10_000);
  expect(await removeFromCalls(kv, "expert")).toBe(1);
  expect(await removeFromCalls(kv, "expert")).toBe(0);
  clock.advance(10_000);
  await endCall(kv, booking.id);
  const view = await getAttendance(kv, booking);
  expect(view.endedAt).toBe("2030-05-01T10:00:20.000Z");
  expect(view.participants).toMatchObject([
    { party: "learner", present: false, durationSeconds: 20 },
    { party: "expert", present: false, durationSeconds: 10 },
  ]);
});

Deno.test("media server events apply once, and only about our calls' parties", async () => {
  await using kv = await openTestKv();
  using _clock = useFakeClock(at("2030-05-01T10:00:00.000Z"));
  const event = {
    id: "EV_1",
    bookingId: booking.id,
    at: at("2030-05-01T10:00:05.000Z"),
    kind: "participant_joined" as const,
    userId: "learner",
  };
  // No session was opened for this booking: not our call.
  expect(await applyCallEvent(kv, event)).toBe("ignored");
  await joinCall(kv, booking, "expert");
  expect(await applyCallEvent(kv, event)).toBe("applied");
  expect(await applyCallEvent(kv, event)).toBe("duplicate");
  expect(
    await applyCallEvent(kv, { ...event, id: "EV_2", userId: "EG_recorder" }),
  ).toBe("ignored");
  expect(
    await applyCallEvent(kv, {
      id: "EV_3",
      bookingId: booking.id,
      at: at("2030-05-01T10:30:05.000Z"),
      kind: "room_finished",
    }),
  ).toBe("applied");
  const view = await getAttendance(kv, booking);
  expect(view.participants[0]).toMatchObject({
    joined: true,
    present: false,
    durationSeconds: 1800,
  });
  expect(view.endedAt).toBe("2030-05-01T10:30:05.000Z");
});
