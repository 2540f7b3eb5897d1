/**
 * What a signed-in page costs in database reads before its own content:
 * the session, the account, the header's bell and terms notice, all in one
 * `getMany` (the session token names its user). Each separate read costs
 * far more than a key more in one, so a change that splits them shows here.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";

/** Counts the reads made through `kv` while `run` runs. */
async function countReads(kv: Deno.Kv, run: () => Promise<unknown>) {
  const reads: string[] = [];
  const original = { get: kv.get, getMany: kv.getMany, list: kv.list };
  for (const name of ["get", "getMany", "list"] as const) {
    // deno-lint-ignore no-explicit-any
    (kv as any)[name] = (...args: any[]) => {
      reads.push(name);
      // deno-lint-ignore no-explicit-any
      return (original[name] as any).apply(kv, args);
    };
  }
  try {
    await run();
  } finally {
    // deno-lint-ignore no-explicit-any
    for (const name of Object.keys(original)) delete (kv as any)[name];
  }
  return reads;
}

Deno.test("a signed-in page reads the session, the account and its header's bell and terms in one getMany", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  // The first page looks for expired notifications; later ones only read.
  await (await learner.request("/account")).text();
  const reads = await countReads(app.kv, async () => {
    const page = await learner.request("/account");
    expect(page.status).toBe(200);
    await page.text();
  });
  expect(reads).toEqual(["getMany"]);
});
