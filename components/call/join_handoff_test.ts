import { expect } from "expect";
import { announceCallJoin, takeCallJoins } from "./join_handoff.ts";

Deno.test("a join announced before the call room listens still reaches it, once", () => {
  const taken: string[] = [];
  announceCallJoin({ bookingId: "b1", access: "early" });
  const stop = takeCallJoins<{ bookingId: string; access: string }>(
    "b1",
    (join) => taken.push(join.access),
  );
  expect(taken).toEqual(["early"]);

  // Later joins arrive as they are announced; another booking's never do.
  announceCallJoin({ bookingId: "b2", access: "other" });
  announceCallJoin({ bookingId: "b1", access: "again" });
  expect(taken).toEqual(["early", "again"]);
  stop();
  announceCallJoin({ bookingId: "b1", access: "after" });
  expect(taken).toEqual(["early", "again"]);

  // A join already taken is not handed over a second time.
  const second: string[] = [];
  const stopSecond = takeCallJoins<{ bookingId: string; access: string }>(
    "b1",
    (join) => second.push(join.access),
  );
  expect(second).toEqual(["after"]);
  stopSecond();
  const third: string[] = [];
  takeCallJoins<{ bookingId: string; access: string }>(
    "b1",
    (join) => third.push(join.access),
  )();
  expect(third).toEqual([]);
});
