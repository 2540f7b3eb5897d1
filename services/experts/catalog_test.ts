import { expect } from "expect";
import { catalogStats } from "./catalog.ts";
import { countPublishedExperts, searchExperts } from "./search.ts";
import { createExpert, updateExpert } from "./store.ts";
import {
  createCategories,
  input,
  names,
  withTwoHandles,
} from "./test_fixtures.ts";

Deno.test("the catalog notices writes made through another KV handle", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/shared.kv`;
  const first = await Deno.openKv(path);
  const second = await Deno.openKv(path);
  try {
    await createCategories(first);
    const expert = await createExpert(first, input({ name: "First Expert" }));
    expect((await searchExperts(second, {})).total).toBe(1);

    // Another "process" adds and unpublishes experts; this handle's cached catalog must notice.
    await createExpert(first, input({ name: "Second Expert" }));
    expect(names(await searchExperts(second, { sort: "newest" }))).toEqual(
      ["Second Expert", "First Expert"],
    );
    await updateExpert(first, expert.id, { published: false });
    expect(names(await searchExperts(second, {}))).toEqual(["Second Expert"]);
    expect(await countPublishedExperts(second)).toBe(1);
  } finally {
    first.close();
    second.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("another handle catches up by re-reading only the changed experts", async () => {
  await withTwoHandles(async (writer, reader) => {
    await createCategories(writer);
    const experts = [];
    for (let i = 0; i < 30; i++) {
      experts.push(
        await createExpert(writer, input({ name: `Expert ${i}` })),
      );
    }
    expect((await searchExperts(reader, {})).total).toBe(30);
    expect(catalogStats(reader)).toEqual({ fullLoads: 1, expertsReread: 0 });

    await updateExpert(writer, experts[3].id, { name: "Renamed Person" });
    expect(names(await searchExperts(reader, { q: "renamed" }))).toEqual([
      "Renamed Person",
    ]);
    expect(catalogStats(reader)).toEqual({ fullLoads: 1, expertsReread: 1 });

    await updateExpert(writer, experts[5].id, { published: false });
    await createExpert(writer, input({ name: "Latecomer" }));
    expect((await searchExperts(reader, {})).total).toBe(30);
    expect(names(await searchExperts(reader, { q: "expert 5" }))).toEqual([]);
    expect(catalogStats(reader)).toEqual({ fullLoads: 1, expertsReread: 3 });

    // Nothing changed: no reads beyond the version key.
    await searchExperts(reader, { q: "latecomer" });
    expect(catalogStats(reader)).toEqual({ fullLoads: 1, expertsReread: 3 });
  });
});

Deno.test("a change log trimmed past the catalog's position forces a full reload", async () => {
  await withTwoHandles(async (writer, reader) => {
    await createCategories(writer);
    const expert = await createExpert(writer, input({ name: "First" }));
    await searchExperts(reader, {});
    expect(catalogStats(reader).fullLoads).toBe(1);

    // Expiry removes the oldest entries; do it by hand.
    for await (const entry of writer.list({ prefix: ["experts_changes"] })) {
      await writer.delete(entry.key);
    }
    await updateExpert(writer, expert.id, { name: "Second" });
    expect(names(await searchExperts(reader, {}))).toEqual(["Second"]);
    expect(catalogStats(reader)).toEqual({ fullLoads: 2, expertsReread: 0 });
  });
});

Deno.test("figures asked for together share one version read; a write awaited before asking is seen", async () => {
  await withTwoHandles(async (writer, reader) => {
    await createCategories(writer);
    await createExpert(writer, input({ name: "First Expert" }));
    let versionReads = 0;
    const get = reader.get.bind(reader);
    reader.get = ((
      key: Deno.KvKey,
      options?: { consistency?: Deno.KvConsistencyLevel },
    ) => {
      if (key[0] === "experts_meta") versionReads++;
      return get(key, options);
    }) as typeof reader.get;

    const [found, count] = await Promise.all([
      searchExperts(reader, {}),
      countPublishedExperts(reader),
    ]);
    expect([found.total, count, versionReads]).toEqual([1, 1, 1]);

    // Asked again after a write: a read of its own, which sees the write.
    await createExpert(writer, input({ name: "Second Expert" }));
    expect(await countPublishedExperts(reader)).toBe(2);
    expect(versionReads).toBe(2);
  });
});
