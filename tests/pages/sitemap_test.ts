/**
 * The sitemap's lastmod is when what each page shows last changed: a
 * profile moves with its offerings, a category with the experts it lists
 * (one leaving included), and nothing else moves with them.
 */
import { expect } from "expect";
import { createTestApp, type TestApp } from "@/tests/support/helpers.ts";
import {
  type ExpertProfile,
  searchExperts,
  updateExpert,
} from "@/services/experts/mod.ts";
import { listOfferings, updateOffering } from "@/services/offerings/mod.ts";
import { listCategories } from "@/services/categories/mod.ts";
import { listAllPosts } from "@/services/content/mod.ts";
import { bumpPublicVersion } from "@/services/platform/public_version.ts";

const SITE = "http://localhost:8000";

async function sitemap(app: TestApp): Promise<Map<string, string>> {
  const response = await app.fetch(new Request(`${SITE}/sitemap.xml`));
  expect(response.status).toBe(200);
  const xml = await response.text();
  return new Map(
    [...xml.matchAll(
      /<loc>([^<]+)<\/loc><lastmod>([^<]+)<\/lastmod>/g,
    )].map(([, loc, lastmod]) => [loc.slice(SITE.length), lastmod]),
  );
}

const profile = (expert: ExpertProfile) => `/experts/${expert.id}`;
const after = (time: string) => (lastmod: string | undefined) =>
  Date.parse(lastmod ?? "") >= Date.parse(time);

Deno.test("sitemap: each lastmod moves with what its page shows", async () => {
  await using app = await createTestApp();
  const { kv } = app;
  const { experts } = await searchExperts(kv, { sort: "newest", limit: 50 });
  const tree = await listCategories(kv);
  const before = await sitemap(app);
  expect([...before.values()].every((time) => !Number.isNaN(Date.parse(time))))
    .toBe(true);

  // An offering changes: its expert's profile, no one else's.
  const [withOffering] = (await Promise.all(experts.map(async (expert) => ({
    expert,
    offerings: await listOfferings(kv, expert.id),
  })))).filter(({ offerings }) => offerings.length > 0);
  const offeringChanged = new Date().toISOString();
  await updateOffering(
    kv,
    withOffering.expert.id,
    withOffering.offerings[0].id,
    { description: "A clearer description of what the session covers." },
  );
  const afterOffering = await sitemap(app);
  expect(
    after(offeringChanged)(afterOffering.get(profile(withOffering.expert))),
  )
    .toBe(true);
  const bystander = experts.find((expert) =>
    expert.id !== withOffering.expert.id &&
    !expert.categoryIds.some((id) =>
      withOffering.expert.categoryIds.includes(id)
    )
  )!;
  expect(afterOffering.get(profile(bystander))).toBe(
    before.get(profile(bystander)),
  );

  // An expert leaves the lists: the categories it was in, and the expert
  // list, move; a category it was never in (nor its parent) does not.
  const leaving = experts.find((expert) => expert.id !== bystander.id)!;
  const left = new Date().toISOString();
  await updateExpert(kv, leaving.id, { published: false });
  const afterLeaving = await sitemap(app);
  expect(afterLeaving.has(profile(leaving))).toBe(false);
  for (const id of leaving.categoryIds) {
    expect(after(left)(afterLeaving.get(`/categories/${id}`))).toBe(true);
  }
  expect(after(left)(afterLeaving.get("/experts"))).toBe(true);
  const parents = new Map(
    tree.flatMap((top) =>
      [top, ...top.subcategories].map((c) => [c.id, top.id] as const)
    ),
  );
  const untouched = tree.flatMap((top) => [top, ...top.subcategories]).find(
    (category) =>
      ![
        ...leaving.categoryIds,
        ...leaving.categoryIds.map((id) => parents.get(id)),
      ].includes(category.id) &&
      !(category.parentId === null &&
        leaving.categoryIds.some((id) => parents.get(id) === category.id)),
  )!;
  expect(afterLeaving.get(`/categories/${untouched.id}`)).toBe(
    afterOffering.get(`/categories/${untouched.id}`),
  );

  // A post's lastmod is its record's updatedAt; pages in the code share one.
  const [post] = (await listAllPosts(kv)).filter((p) =>
    p.status === "published"
  );
  expect(afterLeaving.get(`/blog/${post.slug}`)).toBe(post.updatedAt);
  expect(afterLeaving.get("/about")).toBe(afterLeaving.get("/contact"));
});

Deno.test("sitemap: a profile from before page stamps is dated once from its offerings, then by its stamp", async () => {
  await using app = await createTestApp();
  const { kv } = app;
  const { experts } = await searchExperts(kv, { sort: "newest", limit: 50 });
  const [withOffering] = (await Promise.all(experts.map(async (expert) => ({
    expert,
    offerings: await listOfferings(kv, expert.id, { includeInactive: true }),
  })))).filter(({ offerings }) => offerings.length > 0);
  const { expert, offerings } = withOffering;
  // As stored before writes stamped pages: no stamp, an offering changed later.
  await kv.delete(["experts_updated", expert.id]);
  const changedAt = "2031-01-02T03:04:05.000Z";
  await kv.set(["offerings", expert.id, offerings[0].id], {
    ...(await kv.get<Record<string, unknown>>([
      "offerings",
      expert.id,
      offerings[0].id,
    ])).value,
    updatedAt: changedAt,
  });
  // Written past the stores: the kept sitemap learns of it from the version.
  await bumpPublicVersion(kv);
  expect((await sitemap(app)).get(profile(expert))).toBe(changedAt);
  expect((await kv.get(["experts_updated", expert.id])).value).toBe(changedAt);
  // From now on the stamp is what counts: no offering is read again.
  await kv.set(["experts_updated", expert.id], "2032-01-01T00:00:00.000Z");
  await bumpPublicVersion(kv);
  expect((await sitemap(app)).get(profile(expert))).toBe(
    "2032-01-01T00:00:00.000Z",
  );
});

Deno.test("sitemap: kept like a public page, and fresh after a public write", async () => {
  await using app = await createTestApp();
  const { kv } = app;
  const first = await app.fetch(new Request(`${SITE}/sitemap.xml`));
  const etag = first.headers.get("etag");
  expect(etag).not.toBeNull();
  expect(await first.text()).toContain("<urlset");
  const again = await app.fetch(
    new Request(`${SITE}/sitemap.xml`, { headers: { "if-none-match": etag! } }),
  );
  expect(again.status).toBe(304);
  const { experts } = await searchExperts(kv, { sort: "newest", limit: 1 });
  await updateExpert(kv, experts[0].id, { published: false });
  const after = await sitemap(app);
  expect(after.has(profile(experts[0]))).toBe(false);
});
