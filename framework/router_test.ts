import { expect } from "expect";
import {
  comparePatterns,
  matchSegments,
  routePattern,
  Router,
  splitPath,
} from "./router.ts";

Deno.test("file paths map to URL patterns", () => {
  const cases: [string, string][] = [
    ["./routes/index.tsx", "/"],
    ["./routes/about.tsx", "/about"],
    ["./routes/blog/index.tsx", "/blog"],
    ["./routes/blog/[slug].tsx", "/blog/:slug"],
    ["./routes/docs/[...rest].tsx", "/docs/:rest+"],
    ["./routes/experts/[id]/book.tsx", "/experts/:id/book"],
    ["./routes/sitemap.xml.ts", "/sitemap.xml"],
    ["./routes/robots.txt.ts", "/robots.txt"],
    ["./routes/api/[...path].ts", "/api/:path+"],
  ];
  for (const [file, pattern] of cases) {
    expect(routePattern(file).pattern).toBe(pattern);
  }
});

Deno.test("a catch-all that is not last is rejected", () => {
  expect(() => routePattern("./routes/[...rest]/edit.tsx")).toThrow(
    /catch-all segment must be the last/,
  );
});

Deno.test("static beats dynamic beats catch-all, deeper first", () => {
  const files = [
    "./routes/blog/[...rest].tsx",
    "./routes/[page].tsx",
    "./routes/blog/[slug].tsx",
    "./routes/blog/new.tsx",
    "./routes/blog/[slug]/edit.tsx",
    "./routes/index.tsx",
    "./routes/blog/index.tsx",
  ];
  const sorted = files.map(routePattern).sort(comparePatterns).map((p) =>
    p.pattern
  );
  expect(sorted).toEqual([
    "/blog/new",
    "/blog/:slug/edit",
    "/blog/:slug",
    "/blog/:rest+",
    "/blog",
    "/:page",
    "/",
  ]);
});

Deno.test("the router picks the most specific match and fills params", () => {
  const router = new Router<string>();
  for (
    const file of [
      "./routes/blog/[...rest].tsx",
      "./routes/blog/[slug].tsx",
      "./routes/blog/new.tsx",
      "./routes/index.tsx",
      "./routes/[page].tsx",
    ]
  ) {
    router.add(routePattern(file), file);
  }
  const match = (path: string) => {
    const found = router.match(splitPath(path)!);
    return found && { file: found.value, params: found.params };
  };
  expect(match("/")).toEqual({ file: "./routes/index.tsx", params: {} });
  expect(match("/blog/new")?.file).toBe("./routes/blog/new.tsx");
  expect(match("/blog/hello")).toEqual({
    file: "./routes/blog/[slug].tsx",
    params: { slug: "hello" },
  });
  expect(match("/blog/a/b/c")).toEqual({
    file: "./routes/blog/[...rest].tsx",
    params: { rest: "a/b/c" },
  });
  expect(match("/blog")).toEqual({
    file: "./routes/[page].tsx",
    params: { page: "blog" },
  });
  expect(match("/blog/hello/")?.params).toEqual({ slug: "hello" });
  expect(match("/caf%C3%A9")?.params).toEqual({ page: "café" });
  expect(match("/a/b")).toBeNull();
});

Deno.test("a catch-all needs at least one segment", () => {
  const pattern = routePattern("./routes/docs/[...rest].tsx");
  expect(matchSegments(pattern, ["docs"])).toBeNull();
  expect(matchSegments(pattern, ["docs", "x"])).toEqual({ rest: "x" });
});

Deno.test("folder patterns match as prefixes for middleware", () => {
  const folder = routePattern("./routes/experts/[id]/index.tsx");
  expect(matchSegments(folder, ["experts", "7", "book"], true)).toEqual({
    id: "7",
  });
  expect(matchSegments(folder, ["experts"], true)).toBeNull();
  expect(matchSegments(folder, ["blog", "7"], true)).toBeNull();
});

Deno.test("malformed percent-encoding is reported, not thrown", () => {
  expect(splitPath("/bad/%E0%A4%A")).toBeNull();
});

Deno.test("two files for one URL are refused", () => {
  const router = new Router<string>();
  router.add(routePattern("./routes/about.tsx"), "a");
  expect(() => router.add(routePattern("./routes/about/index.tsx"), "b"))
    .toThrow(/same URL: \/about/);
});
