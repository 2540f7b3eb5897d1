import { expect } from "expect";
import { join } from "node:path";
import { generateManifest, writeManifest } from "./manifest.ts";
import { FIXTURE_ROOT } from "./testdata/fixture.ts";

Deno.test("the fixture's committed fresh.gen.ts is up to date", async () => {
  const expected = await Deno.readTextFile(join(FIXTURE_ROOT, "fresh.gen.ts"));
  expect(await generateManifest(FIXTURE_ROOT)).toBe(expected);
  expect(await writeManifest(FIXTURE_ROOT)).toBe(false);
});

Deno.test("the manifest lists routes and islands sorted, with static imports", async () => {
  const root = await Deno.makeTempDir();
  try {
    for (
      const file of [
        "routes/index.tsx",
        "routes/_app.tsx",
        "routes/experts/[id].tsx",
        "routes/docs/[...rest].tsx",
        "routes/sitemap.xml.ts",
        "routes/helpers_test.ts",
        "islands/Zeta.tsx",
        "islands/Alpha.tsx",
        "static/ignored.ts",
      ]
    ) {
      await Deno.mkdir(join(root, file, ".."), { recursive: true });
      await Deno.writeTextFile(join(root, file), "export {};\n");
    }
    const source = await generateManifest(root);
    const routeKeys = [
      ...source.matchAll(/^ {4}"(\.\/routes\/[^"]+)": \$\d+,$/gm),
    ]
      .map((m) => m[1]);
    expect(routeKeys).toEqual([
      "./routes/_app.tsx",
      "./routes/docs/[...rest].tsx",
      "./routes/experts/[id].tsx",
      "./routes/index.tsx",
      "./routes/sitemap.xml.ts",
    ]);
    expect(source).toContain('import * as $$0 from "./islands/Alpha.tsx";');
    expect(source).toContain('"./islands/Zeta.tsx": $$1,');
    expect(source).toContain("baseUrl: import.meta.url,");
    expect(source).toContain("} satisfies Manifest;");
    expect(source).not.toContain("helpers_test");

    expect(await writeManifest(root)).toBe(true);
    expect(await writeManifest(root)).toBe(false);
    expect(await Deno.readTextFile(join(root, "fresh.gen.ts"))).toBe(source);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("generated manifests pass deno fmt --check", async () => {
  const check = await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--check", join(FIXTURE_ROOT, "fresh.gen.ts")],
    stdout: "null",
    stderr: "piped",
  }).output();
  expect(new TextDecoder().decode(check.stderr)).toContain("Checked 1 file");
  expect(check.success).toBe(true);
});
