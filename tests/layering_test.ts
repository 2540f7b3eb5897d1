/**
 * The layering rules of the codebase, checked on every import of every source
 * file, so a shortcut that would tangle the layers fails here instead of in
 * review:
 *
 * - `framework/` (the page layer) imports nothing of TapTime;
 * - `services/` never imports web code (`routes/`, `api/`, `components/`,
 *   `islands/`, `auth/`, `realtime/`, the app shell);
 * - `services/platform/` imports no feature;
 * - outside a feature, only its `mod.ts` is imported (tests beside a feature
 *   may reach into it);
 * - `api/` never imports page routes;
 * - `realtime/` (live delivery) sits between services and the web: it uses
 *   services (through their mod.ts) and the platform, and imports no web code
 *   (`routes/`, `api/`, `components/`, `islands/`, `web/`, the app shell);
 *   services reach it only through events written to KV
 *   (`services/platform/events.ts`);
 * - no module imports itself through a cycle.
 */
import { expect } from "expect";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE = /\.(ts|tsx)$/;
const SKIP = /^(node_modules|_fresh|data|\.git)(\/|$)|^framework\/testdata\//;
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

async function sourceFiles(folder = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(join(ROOT, folder))) {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (SKIP.test(path)) continue;
    if (entry.isDirectory) found.push(...await sourceFiles(path));
    else if (SOURCE.test(entry.name)) found.push(path);
  }
  return found;
}

/** The source without comments, so an import shown in a doc example is not one. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/** Every local import of `file`, as paths relative to the repository root. */
function localImports(file: string, text: string): Edge[] {
  const edges: Edge[] = [];
  for (const match of withoutComments(text).matchAll(SPECIFIER)) {
    const specifier = match[2] ?? match[3];
    let to: string | null = null;
    if (specifier.startsWith("@/")) to = specifier.slice(2);
    else if (specifier.startsWith(".")) {
      to = relative(ROOT, normalize(join(ROOT, dirname(file), specifier)));
    }
    if (to !== null) edges.push({ from: file, to, typeOnly: !!match[1] });
  }
  return edges;
}

const files = (await sourceFiles()).sort();
const edges: Edge[] = [];
for (const file of files) {
  edges.push(...localImports(file, await Deno.readTextFile(join(ROOT, file))));
}

const under = (path: string, ...folders: string[]) =>
  folders.some((folder) => path.startsWith(folder + "/"));
const featureOf = (path: string) =>
  path.match(/^services\/([^/]+)\//)?.[1] ?? null;
const isTest = (path: string) => /_test\.tsx?$/.test(path);
const show = (edge: Edge) => `${edge.from} → ${edge.to}`;

Deno.test("the scan sees the codebase's imports", () => {
  expect(files.length).toBeGreaterThan(100);
  expect(edges.length).toBeGreaterThan(500);
});

Deno.test("the page layer imports nothing of TapTime", () => {
  const bad = edges.filter((e) =>
    under(e.from, "framework") && !under(e.to, "framework")
  );
  expect(bad.map(show)).toEqual([]);
});

Deno.test("services import no web code", () => {
  const web = [
    "routes",
    "api",
    "components",
    "islands",
    "web",
    "auth",
    "realtime",
  ];
  const shell = ["app.ts", "main.ts", "dev.ts", "state.ts", "fresh.gen.ts"];
  const bad = edges.filter((e) =>
    under(e.from, "services") && (under(e.to, ...web) || shell.includes(e.to))
  );
  expect(bad.map(show)).toEqual([]);
});

Deno.test("the platform imports no feature", () => {
  const bad = edges.filter((e) =>
    under(e.from, "services/platform") && under(e.to, "services") &&
    !under(e.to, "services/platform")
  );
  expect(bad.map(show)).toEqual([]);
});

Deno.test("outside a feature, only its mod.ts is imported", () => {
  const bad = edges.filter((e) => {
    const feature = featureOf(e.to);
    if (feature === null || feature === "platform") return false;
    if (featureOf(e.from) === feature) return false;
    return !e.to.endsWith(`services/${feature}/mod.ts`);
  });
  expect(bad.map(show)).toEqual([]);
});

Deno.test("the API imports no page routes", () => {
  const bad = edges.filter((e) =>
    under(e.from, "api") && under(e.to, "routes")
  );
  expect(bad.map(show)).toEqual([]);
});

Deno.test("realtime imports no web code", () => {
  const web = ["routes", "api", "components", "islands", "web"];
  const shell = ["app.ts", "main.ts", "dev.ts", "state.ts", "fresh.gen.ts"];
  const bad = edges.filter((e) =>
    under(e.from, "realtime") && !isTest(e.from) &&
    (under(e.to, ...web) || shell.includes(e.to))
  );
  expect(bad.map(show)).toEqual([]);
});

Deno.test("no import cycles", () => {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    if (isTest(e.from)) continue;
    graph.set(e.from, [...graph.get(e.from) ?? [], e.to]);
  }
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") {
        cycles.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  expect(cycles).toEqual([]);
});
