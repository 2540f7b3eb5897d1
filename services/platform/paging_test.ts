import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "./errors.ts";
import { listPage, listPageInBatches, type Page } from "./paging.ts";

/** 37 records named by an index, every third one hidden. */
async function indexedRecords(kv: Deno.Kv) {
  for (let n = 0; n < 37; n++) {
    await kv.set(["rec", `r${n}`], { n, visible: n % 3 !== 0 });
    await kv.set(["idx", n], `r${n}`);
  }
}

/** Every page, following the cursors; and how many reads loaded records. */
async function allPages(
  next: (cursor?: string) => Promise<Page<number>>,
): Promise<number[][]> {
  const pages: number[][] = [];
  let cursor: string | undefined;
  do {
    const page = await next(cursor);
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

Deno.test("batched pages hold the same items as one-by-one pages, with one getMany per ten entries", async () => {
  using kv = await openTestKv();
  await indexedRecords(kv);
  const visible = (value: unknown) => {
    const record = value as { n: number; visible: boolean } | null;
    return record?.visible ? record.n : null;
  };
  const source = { selector: { prefix: ["idx"] } };
  for (const limit of [1, 4, 10, 24, 100]) {
    const oneByOne = await allPages((cursor) =>
      listPage<string, number>(
        kv,
        source,
        { cursor, limit },
        async (entry) => visible((await kv.get(["rec", entry.value])).value),
      )
    );
    let reads = 0;
    const batched = await allPages((cursor) =>
      listPageInBatches<string, number>(
        kv,
        source,
        { cursor, limit },
        async (entries) => {
          reads++;
          expect(entries.length).toBeLessThanOrEqual(10);
          return (await kv.getMany(entries.map((e) => ["rec", e.value])))
            .map((record) => visible(record.value));
        },
      )
    );
    expect(batched).toEqual(oneByOne);
    // Newest first, every visible record once, no page over the limit.
    const all = batched.flat();
    expect(all).toEqual(
      Array.from({ length: 37 }, (_, i) => 36 - i).filter((n) => n % 3 !== 0),
    );
    expect(batched.every((page) => page.length <= limit)).toBe(true);
    expect(batched.at(-1)!.length).toBeGreaterThan(0);
    if (limit >= 24) expect(reads).toBeLessThanOrEqual(6);
  }
});

Deno.test("a cursor KV cannot read is a ValidationError", async () => {
  using kv = await openTestKv();
  await indexedRecords(kv);
  await expect(
    listPageInBatches(kv, { selector: { prefix: ["idx"] } }, {
      cursor: "not a cursor",
    }, (entries) => Promise.resolve(entries.map(() => 1))),
  ).rejects.toThrow(ValidationError);
});
