import { expect } from "expect";
import { join } from "node:path";
import type { BuildInfo } from "./build.ts";
import { tailwind } from "./plugins/tailwind.ts";
import { buildFixture } from "./testdata/fixture.ts";

Deno.test("build bundles each island and the runtime with hashed names", async () => {
  const { info, outDir, cleanup } = await buildFixture();
  try {
    expect(info.runtime).toMatch(/^js\/client-[A-Z0-9]{8}\.js$/);
    expect(Object.keys(info.islands)).toEqual([
      "./islands/Counter.tsx",
      "./islands/Note.tsx",
      "./islands/Outer.tsx",
      "./islands/Props.tsx",
      "./islands/Shared.tsx",
    ]);
    expect(info.islands["./islands/Counter.tsx"].file).toMatch(
      /^js\/Counter-[A-Z0-9]{8}\.js$/,
    );
    expect(info.islands["./islands/Counter.tsx"].exports).toEqual([
      "Display",
      "default",
    ]);
    expect(info.css).toEqual([]);

    const written = JSON.parse(
      await Deno.readTextFile(join(outDir, "build.json")),
    ) as BuildInfo;
    expect(written).toEqual(info);

    const files = [...Deno.readDirSync(join(outDir, "js"))].map((e) => e.name);
    const chunks = files.filter((name) => name.startsWith("chunk-"));
    expect(chunks.length).toBeGreaterThan(0);
    expect(files.length).toBe(1 + 5 + chunks.length);

    // Exactly one copy of preact: its MathML namespace constant appears once.
    const allCode = files.map((name) =>
      Deno.readTextFileSync(join(outDir, "js", name))
    ).join("\n");
    expect(allCode.split("http://www.w3.org/1998/Math/MathML").length - 1).toBe(
      1,
    );
    // Minified ESM with imports between chunks.
    expect(allCode).toContain("import{");
    expect(allCode).not.toContain("\n  ");
  } finally {
    await cleanup();
  }
});

Deno.test("rebuilding with the same sources gives the same names and drops stale files", async () => {
  const first = await buildFixture();
  try {
    await Deno.writeTextFile(join(first.outDir, "js", "Old-AAAAAAAA.js"), "");
    const { build } = await import("./build.ts");
    const { FIXTURE_ROOT } = await import("./testdata/fixture.ts");
    const again = await build(FIXTURE_ROOT, first.config);
    expect(again).toEqual(first.info);
    const files = [...Deno.readDirSync(join(first.outDir, "js"))].map((e) =>
      e.name
    );
    expect(files).not.toContain("Old-AAAAAAAA.js");
  } finally {
    await first.cleanup();
  }
});

Deno.test("the tailwind plugin writes a content-hashed stylesheet", async () => {
  const { info, outDir, cleanup } = await buildFixture({
    plugins: [tailwind({ input: "static/styles.css" })],
  });
  try {
    expect(info.css.length).toBe(1);
    expect(info.css[0]).toMatch(/^css\/styles-[0-9a-f]{16}\.css$/);
    const css = await Deno.readTextFile(join(outDir, info.css[0]));
    // Tailwind found the `p-4` class used by a fixture page.
    expect(css).toContain(".p-4{");
    expect(css).not.toContain("\n  ");
  } finally {
    await cleanup();
  }
});

Deno.test("a client script is one file sharing no chunk with the islands", async () => {
  const { info, outDir, cleanup } = await buildFixture({
    scripts: { banner: "scripts/banner.ts" },
  });
  try {
    expect(info.scripts.banner).toMatch(/^js\/banner-[A-Z0-9]{8}\.js$/);
    const code = await Deno.readTextFile(join(outDir, info.scripts.banner));
    // Preact is inlined, not imported from the islands' chunk.
    expect(code).not.toMatch(/\bimport\s*[{*"']|\bimport\(/);
    expect(code).toContain("banner");
    const files = [...Deno.readDirSync(join(outDir, "js"))].map((e) => e.name);
    const chunks = files.filter((name) => name.startsWith("chunk-"));
    // Runtime, five islands, their chunks and the script: nothing else.
    expect(files.length).toBe(1 + 5 + chunks.length + 1);
  } finally {
    await cleanup();
  }
});
