import { expect } from "expect";
import { renderToString } from "preact-render-to-string";
import { openTestKv } from "@/tests/support/kv.ts";
import { seedDemoData } from "@/services/seed/mod.ts";
import { searchExperts } from "@/services/experts/mod.ts";
import { ExpertCard } from "./ExpertCard.tsx";

Deno.test("a kept expert card changes with anything it shows", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  const [expert] = (await searchExperts(kv, {})).experts;
  const card = (shown = expert, headingLevel?: "h2" | "h3") =>
    renderToString(<ExpertCard expert={shown} headingLevel={headingLevel} />);

  const first = card();
  expect(card()).toBe(first);
  expect(first).toContain(expert.name);

  const renamed = card({ ...expert, name: "Someone Else" });
  expect(renamed).toContain("Someone Else");
  expect(renamed).not.toContain(expert.name);
  const rated = card({ ...expert, rating: { average: 3.2, count: 7 } });
  expect(rated).toContain("3.2 out of 5, 7 reviews");
  const priced = card({
    ...expert,
    startingPrice: { amountMinor: 1234, currency: "USD", durationMinutes: 20 },
  });
  expect(priced).toContain("$12.34");
  const skilled = card({ ...expert, skills: ["One", "Two", "Three", "Four"] });
  expect(skilled).toContain("+1 more");
  expect(card(expert, "h2")).toContain("<h2");
  // Back to the first profile: the first markup again.
  expect(card()).toBe(first);
});
