/**
 * Bad bookings over the API: every refusal is a clear 4xx in the one error
 * shape, and none of them moves money or claims time.
 */
import { expect } from "expect";
import { type Client, signUp } from "@/tests/support/auth.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { updateExpert } from "@/services/experts/mod.ts";
import { createCheckedAuthApp } from "./support.ts";

async function fundedLearner(
  app: Awaited<ReturnType<typeof createCheckedAuthApp>>,
): Promise<Client> {
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, 500_00);
  return learner;
}

/** The next Monday at least `weeks` weeks away, at `time` UTC. */
function monday(weeks: number, time: string): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + 7 * weeks + ((8 - date.getUTCDay()) % 7));
  return `${date.toISOString().slice(0, 10)}T${time}:00.000Z`;
}

Deno.test("bad requests and starts the expert's rules refuse answer 400 with the rule", async () => {
  await using app = await createCheckedAuthApp();
  const { offering } = await bookableExpert(app.kv, {
    availability: {
      weekly: { mon: [{ start: "09:00", end: "17:00" }] },
      minNoticeMinutes: 3 * 24 * 60,
      horizonDays: 60,
    },
  });
  const learner = await fundedLearner(app);
  const cases: [Record<string, unknown>, string, string | undefined][] = [
    [{}, "validation_error", undefined],
    [
      { offeringId: offering.id, start: "next monday" },
      "validation_error",
      undefined,
    ],
    [
      {
        offeringId: offering.id,
        start: monday(1, "09:00"),
        note: "x".repeat(1001),
      },
      "validation_error",
      undefined,
    ],
    [
      { offeringId: offering.id, start: monday(1, "09:00"), extra: true },
      "validation_error",
      undefined,
    ],
    [
      { offeringId: "nope", start: monday(1, "09:00") },
      "validation_error",
      undefined,
    ],
    [
      { offeringId: offering.id, start: "2020-01-06T09:00:00Z" },
      "unbookable",
      "in_past",
    ],
    [
      { offeringId: offering.id, start: daysAhead(new Date(), 0, 23, 45) },
      "unbookable",
      undefined, // inside the notice, or already past late at night
    ],
    [
      { offeringId: offering.id, start: monday(12, "09:00") },
      "unbookable",
      "beyond_horizon",
    ],
    [
      { offeringId: offering.id, start: monday(1, "09:05") },
      "unbookable",
      "off_grid",
    ],
    [
      { offeringId: offering.id, start: monday(1, "16:30") },
      "unbookable",
      "outside_availability",
    ],
  ];
  for (const [body, error, reason] of cases) {
    const answer = await learner.api("POST", "/api/bookings", body);
    expect({ body, status: answer.status, error: answer.body.error }).toEqual({
      body,
      status: 400,
      error,
    });
    expect(answer.body.message.length).toBeGreaterThan(10);
    if (reason) expect(answer.body.details.reason).toEqual([reason]);
  }
  // An expert cannot book at all.
  const expert = await signUp(app, "expert");
  expect(
    (await expert.api("POST", "/api/bookings", {
      offeringId: offering.id,
      start: monday(1, "09:00"),
    })).status,
  ).toBe(403);
  const { body } = await learner.api("GET", "/api/wallet");
  expect(body.balances[0].availableMinor).toBe(500_00);
  await assertBooksBalance(app.kv);
});

Deno.test("a hidden expert, a taken time and a double-booked learner are refused", async () => {
  await using app = await createCheckedAuthApp();
  const one = await bookableExpert(app.kv);
  const two = await bookableExpert(app.kv);
  const hidden = await bookableExpert(app.kv);
  await updateExpert(app.kv, hidden.expertId, { published: false });
  const learner = await fundedLearner(app);
  const start = daysAhead(new Date(), 2, 10);

  const refused = await learner.api("POST", "/api/bookings", {
    offeringId: hidden.offering.id,
    start,
  });
  expect(refused.status).toBe(400);
  expect(refused.body.details.offeringId[0]).toMatch(/not taking bookings/);

  expect(
    (await learner.api("POST", "/api/bookings", {
      offeringId: one.offering.id,
      start,
    })).status,
  ).toBe(201);
  const busy = await learner.api("POST", "/api/bookings", {
    offeringId: two.offering.id,
    expertId: two.expertId,
    start: daysAhead(new Date(), 2, 10, 30),
  });
  expect({ status: busy.status, error: busy.body.error }).toEqual({
    status: 409,
    error: "learner_busy",
  });
  const other = await fundedLearner(app);
  const taken = await other.api("POST", "/api/bookings", {
    offeringId: one.offering.id,
    start,
  });
  expect({ status: taken.status, error: taken.body.error }).toEqual({
    status: 409,
    error: "slot_unavailable",
  });
  const { body } = await other.api("GET", "/api/wallet");
  expect(body.balances[0].availableMinor).toBe(500_00);
  await assertBooksBalance(app.kv);
});

Deno.test("slot queries and availability changes are checked", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, { id: expert.user!.id });
  const base = `/api/experts/${expert.user!.id}/slots`;
  const from = daysAhead(new Date(), 1, 0);
  for (
    const query of [
      `offeringId=${offering.id}&from=${from}`,
      `offeringId=${offering.id}&from=${from}&to=${from}`,
      `offeringId=${offering.id}&from=${from}&to=${daysAhead(new Date(), 90)}`,
      `offeringId=nope&from=${from}&to=${daysAhead(new Date(), 2)}`,
    ]
  ) {
    const answer = await app.client().api("GET", `${base}?${query}`);
    expect({ query, status: answer.status }).toEqual({ query, status: 400 });
  }
  const unknown = await app.client().api(
    "GET",
    `/api/experts/nobody/slots?offeringId=${offering.id}&from=${from}&to=${
      daysAhead(new Date(), 2)
    }`,
  );
  expect(unknown.status).toBe(404);

  const before = (await expert.api("GET", "/api/expert/availability")).body;
  for (
    const [body, field] of [
      [{ ...before.availability, timeZone: "Mars/Olympus" }, "timeZone"],
      [{
        ...before.availability,
        weekly: {
          mon: [{ start: "09:00", end: "12:00" }, {
            start: "11:00",
            end: "13:00",
          }],
        },
      }, "weekly.mon.1"],
      [
        { ...before.availability, bufferBeforeMinutes: -5 },
        "bufferBeforeMinutes",
      ],
      [{ ...before.availability, nonsense: 1 }, "_root"],
    ] as const
  ) {
    const answer = await expert.api("PUT", "/api/expert/availability", body);
    expect({ field, status: answer.status }).toEqual({ field, status: 400 });
    expect(Object.keys(answer.body.details)).toContain(field);
  }
  expect((await expert.api("GET", "/api/expert/availability")).body).toEqual(
    before,
  );
});
