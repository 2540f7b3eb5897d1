/**
 * Shared fixtures of the experts feature's tests: the categories, a valid
 * profile input, five contrasting experts, and two KV handles on one file
 * (as two processes would have).
 */
import type { ExpertInput } from "./model.ts";
import { createExpert } from "./store.ts";
import { addCategories, DESIGN, SOFTWARE } from "@/tests/support/categories.ts";

/** Software › Web, and Design › UX research. */
export function createCategories(kv: Deno.Kv) {
  return addCategories(kv, SOFTWARE, DESIGN);
}

export function input(overrides: Partial<ExpertInput> = {}): ExpertInput {
  return {
    name: "Ada Lovelace",
    headline: "Analytical engine programmer",
    bio: "I wrote the first published algorithm.",
    categoryIds: ["web"],
    skills: ["Mathematics", "Algorithms"],
    languages: ["en"],
    yearsExperience: 10,
    hourlyRate: { amountMinor: 10000, currency: "USD" },
    rating: { average: 4.5, count: 10 },
    location: "London, United Kingdom",
    timeZone: "Europe/London",
    ...overrides,
  };
}

/** Five experts with distinct ratings, prices, languages and categories. */
export async function createFixture(kv: Deno.Kv) {
  await createCategories(kv);
  return {
    jose: await createExpert(
      kv,
      input({
        name: "José Núñez",
        headline: "React and TypeScript mentor",
        skills: ["React", "TypeScript"],
        languages: ["es", "en"],
        hourlyRate: { amountMinor: 5000, currency: "USD" },
        rating: { average: 4.9, count: 100 },
      }),
    ),
    mia: await createExpert(
      kv,
      input({
        name: "Mia Chen",
        headline: "Product designer",
        categoryIds: ["design"],
        skills: ["Figma", "Design systems"],
        hourlyRate: { amountMinor: 12000, currency: "USD" },
        rating: { average: 4.2, count: 300 },
      }),
    ),
    olu: await createExpert(
      kv,
      input({
        name: "Olu Bello",
        headline: "Backend engineer who reviews React apps too",
        categoryIds: ["software"],
        skills: ["Go", "PostgreSQL"],
        hourlyRate: { amountMinor: 20000, currency: "USD" },
        rating: { average: 5, count: 2 },
      }),
    ),
    hidden: await createExpert(
      kv,
      input({
        name: "Hidden Reactor",
        skills: ["React"],
        published: false,
      }),
    ),
    newbie: await createExpert(
      kv,
      input({
        name: "Newbie Nguyen",
        headline: "Junior web developer",
        languages: ["vi", "en"],
        hourlyRate: { amountMinor: 2500, currency: "USD" },
        rating: { average: 0, count: 0 },
      }),
    ),
  };
}

export const names = (result: { experts: { name: string }[] }) =>
  result.experts.map((e) => e.name);

/** The index keys naming `expertId`, as "prefix:value" strings, sorted. */
export async function indexKeysOf(
  kv: Deno.Kv,
  expertId: string,
): Promise<string[]> {
  const keys: string[] = [];
  for (
    const prefix of [
      ["expert_terms"],
      ["experts_by_category"],
      ["experts_by_language"],
    ]
  ) {
    for await (const entry of kv.list({ prefix })) {
      if (entry.key.at(-1) === expertId) {
        keys.push(entry.key.slice(0, -1).join(":"));
      }
    }
  }
  return keys.sort();
}

/** Two KV handles on one file, as two processes would have. */
export async function withTwoHandles(
  fn: (first: Deno.Kv, second: Deno.Kv) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const first = await Deno.openKv(`${dir}/shared.kv`);
  const second = await Deno.openKv(`${dir}/shared.kv`);
  try {
    await fn(first, second);
  } finally {
    first.close();
    second.close();
    await Deno.remove(dir, { recursive: true });
  }
}
