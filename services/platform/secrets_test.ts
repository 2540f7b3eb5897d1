import { expect } from "expect";
import {
  createSecretBox,
  developmentSecretKey,
  generateSecretKey,
  parseSecretKey,
} from "./secrets.ts";

Deno.test("sealed secrets open with the same key and purpose only", async () => {
  const key = generateSecretKey();
  const box = await createSecretBox(key);
  const sealed = await box.seal("DE89370400440532013000", "iban");
  expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
  expect(sealed).not.toContain("3704");
  expect(await box.open(sealed, "iban")).toBe("DE89370400440532013000");
  expect(await box.seal("same", "iban")).not.toBe(
    await box.seal("same", "iban"),
  );
  await expect(box.open(sealed, "holder")).rejects.toThrow();
  const other = await createSecretBox(generateSecretKey());
  await expect(other.open(sealed, "iban")).rejects.toThrow();
  await expect(box.open("garbage", "iban")).rejects.toThrow();
});

Deno.test("keys must be 32 bytes of base64", () => {
  expect(parseSecretKey(generateSecretKey())).toHaveLength(32);
  expect(() => parseSecretKey("c2hvcnQ=")).toThrow(/32 bytes/);
  expect(() => parseSecretKey("not base64!!")).toThrow(/base64/);
});

Deno.test("development keeps one key beside its database", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const [a, b] = await Promise.all([
      developmentSecretKey(`${dir}/db/taptime.kv`),
      developmentSecretKey(`${dir}/db/taptime.kv`),
    ]);
    expect(a).toEqual(b);
    expect(await developmentSecretKey(`${dir}/db/taptime.kv`)).toEqual(a);
    expect((await Deno.stat(`${dir}/db/encryption.key`)).mode! & 0o777).toBe(
      0o600,
    );
    expect(await developmentSecretKey(":memory:")).not.toEqual(a);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
