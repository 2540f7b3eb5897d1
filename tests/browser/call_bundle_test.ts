/**
 * `livekit-client` is big (about 600 KB minified) and only the call page in
 * LiveKit mode needs it: the built assets must keep it out of every island's
 * and the runtime's static imports, reachable only through the call
 * island's dynamic import. Reads the build (`deno task build`) in _fresh/.
 */
import { expect } from "expect";
import { join } from "node:path";
import type { BuildInfo } from "@/framework/build.ts";

const OUT = new URL("../../_fresh/", import.meta.url).pathname;
/** A string only livekit-client's code contains (one of its room events). */
const LIVEKIT_MARK = "participantConnected";

/** `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`. */
const STATIC_IMPORT =
  /(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?"\.\/([\w.-]+\.js)"/g;
const DYNAMIC_IMPORT = /import\("\.\/([\w.-]+\.js)"\)/g;

async function source(file: string): Promise<string> {
  return await Deno.readTextFile(join(OUT, "js", file));
}

/** `file` and everything it imports (statically, or also lazily). */
async function closure(
  file: string,
  lazy = false,
): Promise<Set<string>> {
  const seen = new Set<string>();
  const visit = async (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const code = await source(name);
    for (const match of code.matchAll(STATIC_IMPORT)) await visit(match[1]);
    if (!lazy) return;
    for (const match of code.matchAll(DYNAMIC_IMPORT)) await visit(match[1]);
  };
  await visit(file);
  return seen;
}

async function mentionsLiveKit(files: Iterable<string>): Promise<boolean> {
  for (const file of files) {
    if ((await source(file)).includes(LIVEKIT_MARK)) return true;
  }
  return false;
}

Deno.test("livekit-client loads only through the call island's dynamic import", async () => {
  const info: BuildInfo = JSON.parse(
    await Deno.readTextFile(join(OUT, "build.json")),
  );
  const entries = [
    info.runtime,
    ...Object.values(info.islands).map((island) => island.file),
  ].map((path) => path.replace(/^js\//, ""));
  for (const entry of entries) {
    expect({
      entry,
      livekit: await mentionsLiveKit(await closure(entry)),
    })
      .toEqual({ entry, livekit: false });
  }
  const room = info.islands["./islands/CallRoom.tsx"].file.replace(/^js\//, "");
  expect(await mentionsLiveKit(await closure(room, true))).toBe(true);
});
