import { expect } from "expect";
import type { Attendance } from "./model.ts";
import { attendanceOutcome, whoJoined } from "./outcome.ts";

Deno.test("both joined: the booking completes and the expert is paid", () => {
  expect(attendanceOutcome({ learner: true, expert: true })).toEqual({
    verdict: "attended",
    status: "completed",
    payExpert: true,
    refundLearnerInFull: false,
    countsAgainstExpert: false,
  });
});

Deno.test("the learner never joined: no_show, and the expert is still paid", () => {
  expect(attendanceOutcome({ learner: false, expert: true })).toEqual({
    verdict: "learner_absent",
    status: "no_show",
    payExpert: true,
    refundLearnerInFull: false,
    countsAgainstExpert: false,
  });
});

Deno.test("the expert never joined: a full refund that counts on the expert's record", () => {
  const expected = {
    verdict: "expert_absent",
    status: "cancelled",
    payExpert: false,
    refundLearnerInFull: true,
    countsAgainstExpert: true,
  };
  expect(attendanceOutcome({ learner: true, expert: false })).toEqual(expected);
  // Nobody came: the learner is not charged for the expert's absence.
  expect(attendanceOutcome({ learner: false, expert: false })).toEqual(
    expected,
  );
});

Deno.test("whoJoined reads the records of the booking's two parties only", () => {
  const record = (userId: string, joined: boolean): Attendance => ({
    bookingId: "b1",
    userId,
    source: "p2p",
    firstJoinedAt: joined ? "2030-05-01T10:00:00.000Z" : null,
    lastJoinedAt: null,
    lastLeftAt: null,
    lastSeenAt: null,
    openSince: null,
    connectedMs: 0,
    joins: joined ? 1 : 0,
  });
  const booking = { learnerId: "l", expertId: "e" };
  expect(whoJoined(booking, [record("l", true), record("x", true)]))
    .toEqual({ learner: true, expert: false });
  expect(whoJoined(booking, [record("l", false), record("e", true)]))
    .toEqual({ learner: false, expert: true });
});
