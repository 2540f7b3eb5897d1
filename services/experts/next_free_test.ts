import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  createFixture,
  input,
  names,
  withTwoHandles,
} from "./test_fixtures.ts";
import {
  CLAIM_MS,
  getNextFree,
  STALE_AFTER_MS,
  storeNextFree,
} from "./next_free_store.ts";
import {
  type NextFreeFinder,
  nextFreeFinderProvider,
  refreshNextFree,
} from "./next_free_refresh.ts";
import { queueStaleNextFree } from "./next_free_cron.ts";
import { searchExperts } from "./search.ts";
import { createExpert, updateExpert } from "./store.ts";

const NOW = new Date("2030-03-04T08:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

/** A finder answering from a table (expert id → start), as the real one would. */
function tableFinder(table: Map<string, string | null>): NextFreeFinder {
  return (_kv, expertId) =>
    Promise.resolve(
      table.has(expertId)
        ? { listed: true, start: table.get(expertId)! }
        : { listed: false },
    );
}

Deno.test("a refresh stores what the finder found, and an older computation never replaces a newer one", async () => {
  using _clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { jose } = await createFixture(kv);
  const table = new Map([[jose.id, at(2 * HOUR)]]);
  bindProviders(kv, [provide(nextFreeFinderProvider, tableFinder(table))]);

  await refreshNextFree(kv, jose.id);
  expect(await getNextFree(kv, jose.id)).toEqual({
    start: at(2 * HOUR),
    checkedAt: NOW.getTime(),
    // Due again when the free time passes or goes stale, whichever is first.
    dueAt: NOW.getTime() + STALE_AFTER_MS,
  });

  // A computation that began a minute ago (before the one stored) lost the race.
  const stored = await storeNextFree(
    kv,
    jose.id,
    { listed: true, start: at(DAY) },
    NOW.getTime() - 60_000,
  );
  expect(stored).toBe(false);
  expect((await getNextFree(kv, jose.id))?.start).toBe(at(2 * HOUR));

  // Unlisted experts keep no record.
  table.delete(jose.id);
  await refreshNextFree(kv, jose.id);
  expect(await getNextFree(kv, jose.id)).toBeNull();
});

Deno.test("the cron queues experts without a record, stale ones and passed ones, each once", async () => {
  using clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { jose, mia, olu, newbie } = await createFixture(kv);
  // The fixture's hidden expert is unpublished: never queued.
  const first = await queueStaleNextFree(kv, { spreadMs: 0 });
  expect(first.sort()).toEqual([jose.id, mia.id, newbie.id, olu.id].sort());
  // Claimed: a second tick (or another process) queues none of them again.
  expect(await queueStaleNextFree(kv, { spreadMs: 0 })).toEqual([]);

  const now = NOW.getTime();
  await storeNextFree(kv, jose.id, { listed: true, start: at(DAY) }, now);
  await storeNextFree(kv, mia.id, { listed: true, start: at(5 * MINUTE) }, now);
  await storeNextFree(kv, olu.id, { listed: true, start: null }, now);
  await storeNextFree(kv, newbie.id, { listed: true, start: at(DAY) }, now);
  expect(await queueStaleNextFree(kv, { spreadMs: 0 })).toEqual([]);

  // Mia's free time has passed: hers is due.
  clock.advance(6 * MINUTE);
  expect(await queueStaleNextFree(kv, { spreadMs: 0 })).toEqual([mia.id]);
  // Her refresh reports back (as the queued job would).
  await storeNextFree(
    kv,
    mia.id,
    { listed: true, start: at(DAY) },
    now + 6 * MINUTE,
  );
  // Past STALE_AFTER_MS the rest are due, in bounded batches.
  clock.advance(STALE_AFTER_MS - 6 * MINUTE + 1);
  const due = await queueStaleNextFree(kv, { spreadMs: 0, limit: 2 });
  expect(due).toHaveLength(2);
  const rest = await queueStaleNextFree(kv, { spreadMs: 0 });
  expect([...due, ...rest].sort()).toEqual(
    [jose.id, newbie.id, olu.id].sort(),
  );

  // A claim whose refresh never reported back is claimed again later.
  clock.advance(CLAIM_MS);
  expect((await queueStaleNextFree(kv, { spreadMs: 0 })).sort()).toEqual(
    [jose.id, newbie.id, olu.id].sort(),
  );
});

Deno.test("search: available in the next 7 days, and soonest first with the never-free last", async () => {
  using _clock = useFakeClock(NOW);
  await using kv = await openTestKv();
  const { jose, mia, olu, newbie } = await createFixture(kv);
  const now = NOW.getTime();
  await storeNextFree(kv, jose.id, { listed: true, start: at(3 * DAY) }, now);
  await storeNextFree(kv, mia.id, { listed: true, start: at(2 * HOUR) }, now);
  await storeNextFree(kv, olu.id, { listed: true, start: at(10 * DAY) }, now);
  await storeNextFree(kv, newbie.id, { listed: true, start: null }, now);

  const soonest = await searchExperts(kv, { sort: "soonest" });
  expect(names(soonest)).toEqual([
    "Mia Chen",
    "José Núñez",
    "Olu Bello",
    "Newbie Nguyen",
  ]);
  expect(soonest.nextFree).toEqual({
    [mia.id]: at(2 * HOUR),
    [jose.id]: at(3 * DAY),
    [olu.id]: at(10 * DAY),
    [newbie.id]: null,
  });

  const week = await searchExperts(kv, { available: "7d" });
  // The default order (popularity) among those free this week.
  expect(names(week)).toEqual(["Mia Chen", "José Núñez"]);
  expect(week.total).toBe(2);
  expect(names(await searchExperts(kv, { available: "7d", sort: "soonest" })))
    .toEqual(["Mia Chen", "José Núñez"]);
  // With other filters: candidates from the index, then the window.
  expect(
    names(await searchExperts(kv, { available: "7d", q: "react" })),
  ).toEqual(["José Núñez"]);
  expect(
    names(await searchExperts(kv, { available: "7d", maxPrice: 6000 })),
  ).toEqual(["José Núñez"]);
  expect(
    names(
      await searchExperts(kv, {
        available: "7d",
        sort: "soonest",
        minRating: 4.5,
      }),
    ),
  ).toEqual(["José Núñez"]);

  // Paging carries the filter; a cursor from the unfiltered list is refused.
  const page = await searchExperts(kv, { available: "7d", limit: 1 });
  expect(page.nextCursor).not.toBeNull();
  expect(
    names(
      await searchExperts(kv, {
        available: "7d",
        limit: 1,
        cursor: page.nextCursor!,
      }),
    ),
  ).toEqual(["José Núñez"]);
  await expect(searchExperts(kv, { limit: 1, cursor: page.nextCursor! }))
    .rejects.toThrow(ValidationError);
  await expect(searchExperts(kv, { available: "30d" } as never)).rejects
    .toThrow(ValidationError);
});

Deno.test("a new free time reaches another process's catalog; an unchanged one costs it nothing", async () => {
  using _clock = useFakeClock(NOW);
  await withTwoHandles(async (writer, reader) => {
    await createFixture(writer);
    const ada = await createExpert(writer, input({ name: "Ada Early" }));
    expect(names(await searchExperts(reader, { available: "7d" }))).toEqual(
      [],
    );
    const now = NOW.getTime();
    await storeNextFree(writer, ada.id, { listed: true, start: at(HOUR) }, now);
    expect(names(await searchExperts(reader, { available: "7d" }))).toEqual([
      "Ada Early",
    ]);
    const { versionstamp } = await writer.get(["experts_meta", "version"]);
    await storeNextFree(
      writer,
      ada.id,
      { listed: true, start: at(HOUR) },
      now + 1,
    );
    expect((await writer.get(["experts_meta", "version"])).versionstamp).toBe(
      versionstamp,
    );
    // Unpublishing takes the expert out whatever their free time.
    await updateExpert(writer, ada.id, { published: false });
    expect(names(await searchExperts(reader, { available: "7d" }))).toEqual(
      [],
    );
  });
});
