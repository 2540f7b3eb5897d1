/**
 * `createDefine` at runtime (routes made with it render through `createApp`)
 * and at type level: the `@ts-expect-error` lines below are checked by
 * `deno check` and `deno test`, which fail if one of them stops being an
 * error.
 */
import { expect } from "expect";
import { h } from "preact";
import { createDefine, type HandlerData } from "./define.ts";
import { createApp } from "./server.ts";
import type { Handlers, PageProps } from "./types.ts";

type State = { user: string; trail: string[] };
const define = createDefine<State>();

/** True only when `A` and `B` are the same type (not merely assignable). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends
  (<T>() => T extends B ? 1 : 2) ? true : false;

const greet = define.handlers<{ greeting: string }>({
  GET(_req, ctx) {
    return ctx.render({ greeting: `Hello, ${ctx.params.name}` });
  },
  POST(_req, ctx) {
    return Promise.resolve(Response.redirect(new URL("/", ctx.url), 303));
  },
});
const GreetPage = define.page<typeof greet>(({ data, state }) =>
  h("p", { class: "greet" }, `${data.greeting} from ${state.user}`)
);

const answer = define.handlers<number>((_req, ctx) => ctx.render(42));
const AnswerPage = define.page<typeof answer>(({ data }) =>
  h("p", { class: "answer" }, data.toFixed(1))
);

const PlainPage = define.page(({ data, state }) =>
  h("p", { class: "plain" }, `${String(data)} ${state.trail.join(",")}`)
);

const Layout = define.layout(({ Component, state }) =>
  h("div", { class: "layout", "data-user": state.user }, h(Component, {}))
);

const middlewares = define.middleware([
  (_req, ctx) => {
    ctx.state.trail.push("first");
    return ctx.next();
  },
  (_req, ctx) => {
    ctx.state.trail.push("second");
    return ctx.next();
  },
]);

async function withApp(
  run: (get: (path: string, init?: RequestInit) => Promise<string>) => unknown,
) {
  // Empty, so the app finds no client build and needs none (no islands).
  const outDir = await Deno.makeTempDir({ prefix: "fresh-define-" });
  try {
    const app = createApp(
      {
        baseUrl: new URL("./testdata/fresh.gen.ts", import.meta.url).href,
        islands: {},
        routes: {
          "./routes/_middleware.ts": { handler: middlewares },
          "./routes/_layout.tsx": { default: Layout },
          "./routes/greet/[name].tsx": { handler: greet, default: GreetPage },
          "./routes/answer.tsx": { handler: answer, default: AnswerPage },
          "./routes/plain.tsx": { default: PlainPage },
        },
      },
      { outDir },
      {
        initialState: (): State => ({ user: "ada", trail: [] }),
      },
    );
    await run(async (path, init) => {
      const response = await app.fetch(
        new Request(`http://localhost${path}`, init),
      );
      return `${response.status} ${await response.text()}`;
    });
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
}

Deno.test("define: handler data and state reach the page, inside the layout", async () => {
  await withApp(async (get) => {
    const body = await get("/greet/Grace");
    expect(body).toMatch(/^200 /);
    expect(body).toContain(
      '<div class="layout" data-user="ada"><p class="greet">Hello, Grace from ada</p></div>',
    );
    expect(await get("/answer")).toContain('<p class="answer">42.0</p>');
  });
});

Deno.test("define: handlers are passed through untouched", async () => {
  expect(Object.keys(greet)).toEqual(["GET", "POST"]);
  expect(typeof answer).toBe("function");
  expect(middlewares.length).toBe(2);
  await withApp(async (get) => {
    expect(await get("/greet/x", { method: "POST" })).toBe("303 ");
    expect(await get("/greet/x", { method: "PUT" })).toMatch(/^405 /);
  });
});

Deno.test("define: a middleware array runs in order; a page without handler gets no data", async () => {
  await withApp(async (get) => {
    expect(await get("/plain")).toContain(
      '<p class="plain">undefined first,second</p>',
    );
  });
});

Deno.test("define: types", () => {
  // The page's data is exactly what the handler declared.
  const greetData: Equals<HandlerData<typeof greet>, { greeting: string }> =
    true;
  const answerData: Equals<HandlerData<typeof answer>, number> = true;
  type PlainData = Parameters<typeof PlainPage>[0]["data"];
  const plainData: Equals<PlainData, undefined> = true;
  expect([greetData, answerData, plainData]).toEqual([true, true, true]);

  // A page that expects other data than its handler renders.
  define.page<typeof greet>(
    // @ts-expect-error `{ greeting: string }` has no `count`
    ({ data }: PageProps<{ count: number }, State>) => h("p", null, data.count),
  );
  define.page<typeof greet>(({ data }) =>
    // @ts-expect-error the data inferred from the handler has no `count`
    h("p", null, data.count)
  );
  // A page without a handler has no data to read.
  define.page(({ data }) =>
    // @ts-expect-error `data` is `undefined`
    h("p", null, data.greeting)
  );

  // The handler may only render the data it declared.
  define.handlers<{ greeting: string }>({
    // @ts-expect-error `greeting` must be a string
    GET: (_req, ctx) => ctx.render({ greeting: 1 }),
  });
  // Without `Data`, a handler renders nothing.
  define.handlers({
    // @ts-expect-error no data type was declared
    GET: (_req, ctx) => ctx.render({ greeting: "hi" }),
  });

  // `State` is fixed once for every helper.
  define.handlers({
    // @ts-expect-error `State` has no `nope`
    GET: (_req, ctx) => new Response(ctx.state.nope),
  });
  define.layout(({ Component, state }) =>
    // @ts-expect-error `state.user` is a string
    h("div", { "data-n": state.user.toFixed() }, h(Component, {}))
  );
  define.middleware((_req, ctx) => {
    // @ts-expect-error `trail` is a list of strings
    ctx.state.trail.push(1);
    return ctx.next();
  });

  // Only handlers made by `define.handlers` carry their data type.
  const plain: Handlers<{ greeting: string }, State> = {};
  // @ts-expect-error `plain` was not made by `define.handlers`
  define.page<typeof plain>(({ data }) => h("p", null, String(data)));
});
