import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { type ShareCardContent, shareCardHash } from "./model.ts";
import { forgetShareCard, shareCardImage } from "./store.ts";

const card = (title: string): ShareCardContent => ({
  kind: "expert",
  eyebrow: "Expert",
  title,
  facts: ["From $40.00"],
});

const stored = async (kv: Deno.Kv, content: ShareCardContent) =>
  (await getFileStore(kv).head(`share-cards/${shareCardHash(content)}.png`)) !==
    null;

Deno.test("a subject's new card replaces its old one in storage, and erasure removes it", async () => {
  await using kv = await openTestKv();
  const before = card("Ada Lovelace");
  const after = card("Ada King");
  const other = card("Grace Hopper");
  await shareCardImage(kv, before, "ada");
  await shareCardImage(kv, other, "grace");
  expect(await stored(kv, before)).toBe(true);

  // The same content again draws nothing new and keeps its file.
  const again = await shareCardImage(kv, before, "ada");
  expect(again.hash).toBe(shareCardHash(before));
  expect(await stored(kv, before)).toBe(true);

  await shareCardImage(kv, after, "ada");
  expect(await stored(kv, after)).toBe(true);
  expect(await stored(kv, before)).toBe(false);
  // Another subject's card is not touched.
  expect(await stored(kv, other)).toBe(true);

  await forgetShareCard(kv, "expert", "ada");
  expect(await stored(kv, after)).toBe(false);
  expect(await stored(kv, other)).toBe(true);
  // Forgetting twice, or a subject without a card, is nothing to do.
  await forgetShareCard(kv, "expert", "ada");
  await forgetShareCard(kv, "expert", "nobody");
});
