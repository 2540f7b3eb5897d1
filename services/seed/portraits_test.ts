import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { imageKeys } from "@/services/images/mod.ts";
import { demoExpertId, seedDemoData } from "./seed.ts";
import { portraitPixels, seedDemoPhotos } from "./portraits.ts";

Deno.test("portraits: the same expert always gets the same picture, others another", () => {
  const a = portraitPixels(demoExpertId(0));
  expect([a.width, a.height]).toEqual([640, 640]);
  expect(portraitPixels(demoExpertId(0)).data).toEqual(a.data);
  expect(portraitPixels(demoExpertId(1)).data).not.toEqual(a.data);
});

Deno.test("portraits: seeded experts get a stored photo with every variant", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  expect(await seedDemoPhotos(kv, { limit: 1 })).toBe(1);
  const expert = (await getExpert(kv, demoExpertId(0)))!;
  expect(expert.photoFileKey).toMatch(/^experts\/.+\/photos\/V[0-9A-Z]{25}$/);
  const store = getFileStore(kv);
  for (const key of imageKeys(expert.photoFileKey!)) {
    expect(await store.head(key)).not.toBeNull();
  }
  expect((await getExpert(kv, demoExpertId(1)))!.photoUrl).toBeNull();
});
