import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import {
  createExpert,
  getExpert,
  updateExpert,
} from "@/services/experts/mod.ts";
import {
  hourlyRateFromOfferings,
  MAX_OFFERINGS_PER_EXPERT,
  MIN_PRICE_MINOR,
  type OfferingInput,
  PACKAGE_KIND_RETIRED,
} from "./model.ts";
import { getOffering, listOfferings } from "./store.ts";
import { createOffering, deleteOffering, updateOffering } from "./offerings.ts";
import { addCategories, DESIGN } from "@/tests/support/categories.ts";
import { fieldErrorsOf } from "@/tests/support/rejections.ts";

const session: OfferingInput = {
  kind: "session",
  title: "Career chat",
  durationMinutes: 30,
  priceMinor: 5000,
  currency: "EUR",
};

Deno.test("createOffering stores session types, listed oldest first", async () => {
  using kv = await openTestKv();
  const first = await createOffering(kv, "e1", session);
  expect(first).toMatchObject({
    expertId: "e1",
    kind: "session",
    description: "",
    active: true,
  });
  expect("sessions" in first).toBe(false);
  // The kind may be left out: there is only one.
  const { kind: _kind, ...withoutKind } = session;
  const pack = await createOffering(kv, "e1", {
    ...withoutKind,
    title: "Weekly chats",
    description: "Weekly.\r\nFive times.",
    sessions: null,
    packageOptions: [{ sessions: 5, priceMinor: 20000 }],
  });
  expect(pack.kind).toBe("session");
  expect("sessions" in pack).toBe(false);
  expect(pack.description).toBe("Weekly.\nFive times.");
  expect((await listOfferings(kv, "e1")).map((o) => o.id)).toEqual([
    first.id,
    pack.id,
  ]);
  expect(await listOfferings(kv, "e2")).toEqual([]);
  expect(await getOffering(kv, "e1", pack.id)).toEqual(pack);
});

Deno.test("prices, durations, currencies and sessions are validated", async () => {
  using kv = await openTestKv();
  const cases: [Partial<OfferingInput>, string][] = [
    [{ priceMinor: 0 }, "priceMinor"],
    [{ priceMinor: 1 }, "priceMinor"],
    [{ priceMinor: 99 }, "priceMinor"],
    [{ currency: "INR", priceMinor: 50 }, "priceMinor"],
    [{ priceMinor: -5 }, "priceMinor"],
    [{ priceMinor: 10.5 }, "priceMinor"],
    [{ priceMinor: 1_000_001 }, "priceMinor"],
    [{ durationMinutes: 20 }, "durationMinutes"],
    [{ currency: "XYZ" as never }, "currency"],
    [{ title: "Hi" }, "title"],
    [{ title: "Tab\tin title" }, "title"],
    [{ description: "x".repeat(1001) }, "description"],
    [{ sessions: 3 as never }, "sessions"],
    [{ kind: "package" as never }, "kind"],
    [{ kind: "gift" as never }, "kind"],
  ];
  for (const [change, field] of cases) {
    const errors = await fieldErrorsOf(
      createOffering(kv, "e1", { ...session, ...change }),
    );
    expect([change, Object.keys(errors)]).toEqual([change, [field]]);
  }
  const [tooCheap] = Object.values(
    await fieldErrorsOf(
      createOffering(kv, "e1", { ...session, priceMinor: 1 }),
    ),
  );
  expect(tooCheap).toEqual(["The price must be at least €1.00."]);
  // In plain words, the amounts in the offering's own currency format.
  const messages = async (change: Partial<OfferingInput>) =>
    Object.values(
      await fieldErrorsOf(createOffering(kv, "e1", { ...session, ...change })),
    ).flat();
  expect(await messages({ currency: "USD", priceMinor: 50 })).toEqual([
    "The price must be at least $1.00.",
  ]);
  expect(await messages({ currency: "INR", priceMinor: 99 })).toEqual([
    "The price must be at least ₹1.00.",
  ]);
  expect(await messages({ priceMinor: 1_000_001 })).toEqual([
    "The price can be at most €10,000.00.",
  ]);
  // The bounds themselves are allowed.
  await createOffering(kv, "e1", { ...session, priceMinor: MIN_PRICE_MINOR });
  await createOffering(kv, "e1", { ...session, priceMinor: 1_000_000 });
  await createOffering(kv, "e1", {
    ...session,
    priceMinor: 1_000_000,
    packageOptions: [{ sessions: 20, priceMinor: 10_000_000 }],
  });
  expect(await listOfferings(kv, "e1")).toHaveLength(3);
  // An old client sending a package is told what to send instead.
  expect(
    await messages({ kind: "package", sessions: 5 } as never),
  ).toEqual([
    PACKAGE_KIND_RETIRED,
    'Offerings no longer hold several sessions: sell them as packageOptions, e.g. [{ "sessions": 5, "priceMinor": 35000 }].',
  ]);
});

Deno.test("updateOffering re-validates the whole offering; no package kind", async () => {
  using kv = await openTestKv();
  const offering = await createOffering(kv, "e1", session);
  const errors = await fieldErrorsOf(
    updateOffering(kv, "e1", offering.id, {
      kind: "package",
      sessions: 4,
    } as never),
  );
  expect(errors.kind).toEqual([PACKAGE_KIND_RETIRED]);
  expect(await getOffering(kv, "e1", offering.id)).toEqual(offering);
  // Sending the kind and a null `sessions` (as old clients do) is fine.
  const renamed = await updateOffering(kv, "e1", offering.id, {
    kind: "session",
    sessions: null,
    title: "Four chats",
  });
  expect(renamed).toMatchObject({ kind: "session", title: "Four chats" });
  expect("sessions" in renamed).toBe(false);
  expect(renamed.createdAt).toBe(offering.createdAt);
  expect(
    Object.keys(
      await fieldErrorsOf(
        updateOffering(kv, "e1", offering.id, { priceMinor: 1 }),
      ),
    ),
  ).toEqual(["priceMinor"]);
  await expect(updateOffering(kv, "e2", offering.id, { title: "Mine now" }))
    .rejects.toBeInstanceOf(NotFoundError);
  await expect(
    updateOffering(kv, "e1", offering.id, { expertId: "e2" } as never),
  ).rejects.toBeInstanceOf(ValidationError);
});

Deno.test("deleteOffering is soft: hidden from the active list, kept for bookings", async () => {
  using kv = await openTestKv();
  const offering = await createOffering(kv, "e1", session);
  await deleteOffering(kv, "e1", offering.id);
  expect(await listOfferings(kv, "e1")).toEqual([]);
  const all = await listOfferings(kv, "e1", { includeInactive: true });
  expect(all.map((o) => [o.id, o.active])).toEqual([[offering.id, false]]);
  await expect(deleteOffering(kv, "e1", "missing")).rejects.toBeInstanceOf(
    NotFoundError,
  );
});

Deno.test("an expert has at most MAX_OFFERINGS_PER_EXPERT offerings", async () => {
  using kv = await openTestKv();
  for (let i = 0; i < MAX_OFFERINGS_PER_EXPERT; i++) {
    await createOffering(kv, "e1", session);
  }
  await expect(createOffering(kv, "e1", session)).rejects.toBeInstanceOf(
    ConflictError,
  );
});

Deno.test("hourlyRateFromOfferings: cheapest active session per hour", () => {
  const at = new Date().toISOString();
  const base = {
    expertId: "e",
    title: "x",
    description: "",
    currency: "USD" as const,
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  const half = {
    ...base,
    id: "a",
    kind: "session" as const,
    durationMinutes: 30,
    priceMinor: 4000,
  };
  const hour = {
    ...base,
    id: "b",
    kind: "session" as const,
    durationMinutes: 60,
    priceMinor: 7000,
  };
  expect(hourlyRateFromOfferings([half, hour])).toEqual({
    amountMinor: 7000,
    currency: "USD",
  });
  expect(hourlyRateFromOfferings([{ ...half, active: false }, hour])).toEqual({
    amountMinor: 7000,
    currency: "USD",
  });
  expect(hourlyRateFromOfferings([{ ...half, active: false }])).toBeNull();
  // Across currencies the cheapest is judged in dollars: ₹5,000 (≈ $60) an
  // hour beats $70 even though 500000 minor units is the larger number.
  const rupees = {
    ...hour,
    id: "d",
    currency: "INR" as const,
    priceMinor: 500000,
  };
  expect(hourlyRateFromOfferings([hour, rupees])).toEqual({
    amountMinor: 500000,
    currency: "INR",
  });
});

Deno.test("offering changes update a public profile's hourly rate in the same write", async () => {
  using kv = await openTestKv();
  await addCategories(kv, DESIGN);
  const expert = await createExpert(kv, {
    name: "Dieter Rams",
    headline: "Less but better",
    bio: "Industrial designer.",
    categoryIds: ["design"],
    skills: ["Product design"],
    languages: ["de"],
    yearsExperience: 40,
    hourlyRate: { amountMinor: 99900, currency: "EUR" },
    location: "Kronberg",
    timeZone: "Europe/Berlin",
  });
  const offering = await createOffering(kv, expert.id, session);
  expect((await getExpert(kv, expert.id))!.hourlyRate).toEqual({
    amountMinor: 10000,
    currency: "EUR",
  });
  expect((await getExpert(kv, expert.id))!.startingPrice).toEqual({
    amountMinor: session.priceMinor,
    currency: "EUR",
    durationMinutes: session.durationMinutes,
  });
  await updateOffering(kv, expert.id, offering.id, { durationMinutes: 15 });
  expect((await getExpert(kv, expert.id))!.hourlyRate.amountMinor).toBe(20000);
  // The "from" price cards show and browse filters on follows the change.
  expect((await getExpert(kv, expert.id))!.startingPrice?.durationMinutes)
    .toBe(15);
  // A published profile keeps at least one active offering.
  await expect(deleteOffering(kv, expert.id, offering.id)).rejects.toThrow(
    /Add another offering first, or ask an admin to unpublish/,
  );
  await expect(
    updateOffering(kv, expert.id, offering.id, { active: false }),
  ).rejects.toBeInstanceOf(ConflictError);
  expect((await getOffering(kv, expert.id, offering.id))!.active).toBe(true);
  // With another active offering the first can go.
  const hour = await createOffering(kv, expert.id, {
    ...session,
    durationMinutes: 60,
    priceMinor: 30000,
  });
  await deleteOffering(kv, expert.id, offering.id);
  expect((await getExpert(kv, expert.id))!.hourlyRate.amountMinor).toBe(30000);
  expect((await getExpert(kv, expert.id))!.startingPrice?.amountMinor).toBe(
    30000,
  );
  // Unpublished, the expert may withdraw everything; the last rate stays.
  await updateExpert(kv, expert.id, { published: false });
  await deleteOffering(kv, expert.id, hour.id);
  expect(await listOfferings(kv, expert.id)).toEqual([]);
  expect((await getExpert(kv, expert.id))!.hourlyRate.amountMinor).toBe(30000);
});

Deno.test("an offering as read is accepted back unchanged, and with a change", async () => {
  using kv = await openTestKv();
  const pack = await createOffering(kv, "e1", {
    ...session,
    packageOptions: [{ sessions: 4, priceMinor: 18000 }],
  });
  const single = await createOffering(kv, "e1", session);
  for (const offering of [pack, single]) {
    // What a client holds after GET: the JSON of the list.
    const [read] = JSON.parse(JSON.stringify(
      (await listOfferings(kv, "e1")).filter((o) => o.id === offering.id),
    ));
    const same = await updateOffering(kv, "e1", offering.id, read);
    expect({ ...same, updatedAt: offering.updatedAt }).toEqual(offering);
    const renamed = await updateOffering(kv, "e1", offering.id, {
      ...read,
      title: "A new title",
    });
    expect(renamed.title).toBe("A new title");
  }
  // The ids in it are the offering's own.
  const read = JSON.parse(JSON.stringify(single));
  expect(
    Object.keys(
      await fieldErrorsOf(
        updateOffering(kv, "e1", single.id, { ...read, id: pack.id }),
      ),
    ),
  ).toEqual(["id"]);
});

Deno.test("package options: a few sizes per session type, priced below booking singly, kept by id", async () => {
  using kv = await openTestKv();
  const offering = await createOffering(kv, "e1", {
    ...session,
    packageOptions: [{ sessions: 5, priceMinor: 22500 }],
  });
  const [five] = offering.packageOptions!;
  expect(five).toEqual({
    id: five.id,
    sessions: 5,
    priceMinor: 22500,
    currency: "EUR",
  });
  // Sent back as read (the round trip) plus a new one: the old id stays.
  const updated = await updateOffering(kv, "e1", offering.id, {
    packageOptions: [five, { sessions: 10, priceMinor: 40000 }],
  });
  expect(updated.packageOptions!.map((o) => [o.id === five.id, o.sessions]))
    .toEqual([[true, 5], [false, 10]]);
  // Other edits keep the options.
  const renamed = await updateOffering(kv, "e1", offering.id, {
    title: "Career chats",
  });
  expect(renamed.packageOptions).toEqual(updated.packageOptions);

  const errorsOf = async (packageOptions: unknown[]) =>
    await fieldErrorsOf(
      updateOffering(kv, "e1", offering.id, { packageOptions } as never),
    );
  expect(await errorsOf([{ sessions: 5, priceMinor: 25001 }])).toEqual({
    "packageOptions.0.priceMinor": [
      "5 sessions cost €250.00 booked one by one, so the package can be at most that.",
    ],
  });
  expect(await errorsOf([{ sessions: 2, priceMinor: 50 }])).toEqual({
    "packageOptions.0.priceMinor": ["The price must be at least €1.00."],
  });
  expect(
    Object.keys(await errorsOf([{ sessions: 1, priceMinor: 100 }])),
  ).toEqual(["packageOptions.0.sessions"]);
  expect(
    Object.keys(await errorsOf([{ sessions: 21, priceMinor: 100 }])),
  ).toEqual(["packageOptions.0.sessions"]);
  expect(
    await errorsOf([{ sessions: 3, priceMinor: 100, currency: "USD" }]),
  ).toEqual({
    "packageOptions.0.currency": [
      "A package is priced in its session's currency (EUR).",
    ],
  });
  expect(
    Object.keys(
      await errorsOf([
        { sessions: 3, priceMinor: 100 },
        { sessions: 3, priceMinor: 200 },
      ]),
    ),
  ).toEqual(["packageOptions.1.sessions"]);
  expect(
    Object.keys(
      await errorsOf(
        [2, 3, 4, 5].map((n) => ({ sessions: n, priceMinor: 100 })),
      ),
    ),
  ).toEqual(["packageOptions"]);
  expect(
    Object.keys(await errorsOf([{ id: "nope", sessions: 3, priceMinor: 100 }])),
  ).toEqual(["packageOptions.0.id"]);
  expect((await getOffering(kv, "e1", offering.id))?.packageOptions).toEqual(
    renamed.packageOptions,
  );
});

Deno.test("offerings stored before package options read back with none", async () => {
  using kv = await openTestKv();
  const offering = await createOffering(kv, "e1", session);
  const { packageOptions: _, ...old } = offering;
  await kv.set(["offerings", "e1", offering.id], old);
  expect((await getOffering(kv, "e1", offering.id))?.packageOptions).toEqual(
    [],
  );
  const saved = await updateOffering(kv, "e1", offering.id, { title: "New" });
  expect(saved.packageOptions).toEqual([]);
});
