import { expect } from "expect";
import type { CallBooking } from "./model.ts";
import { joinRefusal, joinWindow, partyOf } from "./window.ts";

const booking: CallBooking = {
  id: "b1",
  learnerId: "learner",
  expertId: "expert",
  start: "2030-05-01T10:00:00.000Z",
  end: "2030-05-01T11:00:00.000Z",
  status: "confirmed",
};
const at = (iso: string) => Date.parse(iso);

Deno.test("the window opens 10 minutes before the start and closes 15 minutes after the end", () => {
  expect(joinWindow(booking)).toEqual({
    opensAt: at("2030-05-01T09:50:00.000Z"),
    closesAt: at("2030-05-01T11:15:00.000Z"),
  });
});

Deno.test("both parties may join inside the window, at its edges as stated", () => {
  for (const user of ["learner", "expert"]) {
    for (
      const time of [
        "2030-05-01T09:50:00.000Z",
        "2030-05-01T10:30:00.000Z",
        "2030-05-01T11:14:59.999Z",
      ]
    ) {
      expect({ user, time, refusal: joinRefusal(booking, user, at(time)) })
        .toEqual({ user, time, refusal: null });
    }
  }
});

Deno.test("outside the window the refusal says when the call opens or that it closed", () => {
  const early = joinRefusal(booking, "learner", at("2030-05-01T09:49:59.999Z"));
  expect(early?.reason).toBe("too_early");
  expect(early?.message).toContain("2030-05-01T09:50:00.000Z");
  expect(joinRefusal(booking, "expert", at("2030-05-01T11:15:00.000Z"))?.reason)
    .toBe("closed");
});

Deno.test("nobody else may join, even inside the window", () => {
  expect(joinRefusal(booking, "someone", at("2030-05-01T10:30:00.000Z")))
    .toEqual({
      reason: "not_a_party",
      message: "Only the booking's learner and expert can join its call.",
    });
});

Deno.test("a cancelled booking cannot be joined; a completed one still can within the window", () => {
  const now = at("2030-05-01T10:30:00.000Z");
  expect(
    joinRefusal({ ...booking, status: "cancelled" }, "learner", now)?.reason,
  )
    .toBe("cancelled");
  expect(
    joinRefusal(
      { ...booking, status: "completed" },
      "learner",
      at("2030-05-01T11:05:00.000Z"),
    ),
  )
    .toBeNull();
});

Deno.test("partyOf names the side", () => {
  expect(partyOf(booking, "learner")).toBe("learner");
  expect(partyOf(booking, "expert")).toBe("expert");
  expect(partyOf(booking, "x")).toBeNull();
});
