/**
 * The API app on its own (no page layer in front): the catalogue endpoints,
 * error shapes for bad input, 404 and 405. Every answer is checked against
 * the generated document (tests/api/openapi_test.ts tests the document).
 */
import { expect } from "expect";
import { createSimulatedProvider } from "@/services/payments/mod.ts";
import {
  createSecretBox,
  generateSecretKey,
} from "@/services/platform/secrets.ts";
import { checkApiAnswer } from "@/tests/api/contract.ts";
import { createCategory } from "@/services/categories/mod.ts";
import { createExpert, type ExpertInput } from "@/services/experts/mod.ts";
import { feedbackSummary } from "@/services/content/mod.ts";
import { listContactMessages } from "@/services/content/mod.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { type ApiBindings, createApi } from "./app.ts";

const api = createApi();

interface TestApi {
  kv: Deno.Kv;
  call(path: string, init?: RequestInit): Promise<Response>;
  json(
    path: string,
    init?: RequestInit,
    // Response bodies are inspected field by field; their types are what the test asserts.
    // deno-lint-ignore no-explicit-any
  ): Promise<{ status: number; body: Record<string, any> }>;
}

async function withApi(fn: (t: TestApi) => Promise<void>) {
  using kv = await openTestKv();
  // An anonymous caller, as the root middleware would describe it.
  const bindings: ApiBindings = {
    kv,
    state: {
      kv,
      siteUrl: "http://x",
      config: { production: false, trustProxy: false, publicUrl: undefined },
      providers: {
        payments: createSimulatedProvider(kv),
        secrets: await createSecretBox(generateSecretKey()),
      },
      user: null,
      session: null,
      sessionToken: null,
    },
    meta: { ip: "192.0.2.1", userAgent: "test", baseUrl: "http://x" },
  };
  const call = async (path: string, init?: RequestInit) => {
    const request = new Request(`http://x${path}`, init);
    const response = await api.fetch(request, bindings);
    await checkApiAnswer(request.method, request.url, response);
    return response;
  };
  const json = async (path: string, init?: RequestInit) => {
    const response = await call(path, init);
    expect(response.headers.get("content-type")).toContain("application/json");
    return { status: response.status, body: await response.json() };
  };
  await fn({ kv, call, json });
}

const postJson = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

function expertInput(overrides: Partial<ExpertInput> = {}): ExpertInput {
  return {
    name: "Grace Hopper",
    headline: "Compiler pioneer",
    bio: "I wrote the first compiler.",
    categoryIds: ["software-engineering"],
    skills: ["COBOL", "Compilers"],
    languages: ["en"],
    yearsExperience: 40,
    hourlyRate: { amountMinor: 30000, currency: "USD" },
    rating: { average: 4.9, count: 50 },
    location: "Arlington, United States",
    timeZone: "America/New_York",
    ...overrides,
  };
}

async function addExperts(kv: Deno.Kv) {
  await createCategory(kv, {
    id: "software-engineering",
    name: "Software",
    icon: "code",
  });
  await createCategory(kv, {
    id: "web",
    name: "Web",
    icon: "globe",
    parentId: "software-engineering",
  });
  await createCategory(kv, {
    id: "retired",
    name: "Retired",
    icon: "shapes",
    retired: true,
  });
  return {
    grace: await createExpert(kv, expertInput()),
    linus: await createExpert(
      kv,
      expertInput({
        name: "Linus Torvalds",
        categoryIds: ["web"],
        hourlyRate: { amountMinor: 9000, currency: "EUR" },
        rating: { average: 4.1, count: 5 },
      }),
    ),
    hidden: await createExpert(
      kv,
      expertInput({ name: "Hidden", published: false }),
    ),
  };
}

Deno.test("GET /api/health", () =>
  withApi(async ({ json }) => {
    expect(await json("/api/health")).toEqual({
      status: 200,
      body: { ok: true },
    });
  }));

Deno.test("GET /api/categories returns the tree without retired categories", () =>
  withApi(async ({ kv, json }) => {
    await addExperts(kv);
    const { status, body } = await json("/api/categories");
    expect(status).toBe(200);
    expect(body.categories.map((c: { id: string }) => c.id)).toEqual([
      "software-engineering",
    ]);
    expect(body.categories[0].subcategories[0].id).toBe("web");
  }));

Deno.test("GET /api/experts returns summaries with filters and paging", () =>
  withApi(async ({ kv, json }) => {
    await addExperts(kv);
    const all = await json("/api/experts");
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.experts[0].name).toBe("Grace Hopper");
    expect(all.body.experts[0].bio).toBeUndefined();
    expect(all.body.experts[0].published).toBeUndefined();

    const cheap = await json(
      "/api/experts?maxPrice=10000&category=software-engineering&q=",
    );
    expect(cheap.body.experts.map((e: { name: string }) => e.name)).toEqual([
      "Linus Torvalds",
    ]);

    const first = await json("/api/experts?limit=1&sort=price_asc");
    expect(first.body.experts[0].name).toBe("Linus Torvalds");
    const next = await json(
      `/api/experts?limit=1&sort=price_asc&cursor=${first.body.nextCursor}`,
    );
    expect(next.body.experts[0].name).toBe("Grace Hopper");
    expect(next.body.nextCursor).toBeNull();
  }));

Deno.test("GET /api/experts rejects bad parameters with field details", () =>
  withApi(async ({ json }) => {
    const { status, body } = await json(
      "/api/experts?minRating=lots&limit=500&sort=random&language=english",
    );
    expect(status).toBe(400);
    expect(body.error).toBe("validation_error");
    expect(typeof body.message).toBe("string");
    expect(Object.keys(body.details).sort()).toEqual([
      "language",
      "limit",
      "minRating",
      "sort",
    ]);

    const badCursor = await json("/api/experts?cursor=nonsense");
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.details.cursor).toHaveLength(1);
  }));

Deno.test("GET /api/experts/:id returns published experts only", () =>
  withApi(async ({ kv, json }) => {
    const { grace, hidden } = await addExperts(kv);
    const found = await json(`/api/experts/${grace.id}`);
    // These experts have no offerings; tests/api/applications_test.ts covers them.
    expect(found).toEqual({
      status: 200,
      body: { expert: grace, offerings: [] },
    });
    for (const id of [hidden.id, "does-not-exist", "x".repeat(500)]) {
      const missing = await json(`/api/experts/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toBe("not_found");
    }
  }));

Deno.test("POST /api/contact stores the message and answers 201", () =>
  withApi(async ({ kv, json }) => {
    const { status, body } = await json(
      "/api/contact",
      postJson({
        name: "Ada",
        email: "ada@example.com",
        subject: "Hello",
        message: "I have a question about booking.",
      }),
    );
    expect(status).toBe(201);
    expect(body.message).toEqual({
      id: expect.any(String),
      createdAt: expect.any(String),
    });
    const stored = await listContactMessages(kv);
    expect(stored.messages.map((m) => m.id)).toEqual([body.message.id]);
  }));

Deno.test("POST /api/contact with invalid fields is a 400 with details", () =>
  withApi(async ({ kv, json }) => {
    const { status, body } = await json(
      "/api/contact",
      postJson({ email: "nope", message: "short" }),
    );
    expect(status).toBe(400);
    expect(body.error).toBe("validation_error");
    expect(Object.keys(body.details).sort()).toEqual([
      "email",
      "message",
      "name",
      "subject",
    ]);
    const notAnObject = await json("/api/contact", postJson([1, 2]));
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.details._root).toHaveLength(1);
    expect((await listContactMessages(kv)).messages).toEqual([]);
  }));

Deno.test("POST /api/feedback stores feedback and answers 201", () =>
  withApi(async ({ kv, json }) => {
    const { status, body } = await json(
      "/api/feedback",
      postJson({ rating: 4, page: "/experts" }),
    );
    expect(status).toBe(201);
    expect(body.feedback.id).toEqual(expect.any(String));
    expect(await feedbackSummary(kv)).toEqual({ count: 1, average: 4 });

    const bad = await json("/api/feedback", postJson({ rating: 10 }));
    expect(bad.status).toBe(400);
    expect(bad.body.details.rating).toHaveLength(1);
  }));

Deno.test("malformed and empty JSON bodies are 400 invalid_json", () =>
  withApi(async ({ json }) => {
    for (const body of ["{not json", "", "   "]) {
      for (const path of ["/api/contact", "/api/feedback"]) {
        const response = await json(path, postJson(body));
        expect(response.status).toBe(400);
        expect(response.body.error).toBe("invalid_json");
      }
    }
  }));

Deno.test("bodies over 64 KiB are 413, with or without a content-length", () =>
  withApi(async ({ json }) => {
    const huge = JSON.stringify({ rating: 5, message: "x".repeat(70 * 1024) });
    const declared = await json("/api/feedback", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": String(huge.length),
      },
      body: huge,
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error).toBe("payload_too_large");

    const bytes = new TextEncoder().encode(huge);
    const streamed = await json("/api/contact", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 8192) {
            controller.enqueue(bytes.slice(i, i + 8192));
          }
          controller.close();
        },
      }),
    });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error).toBe("payload_too_large");
  }));

Deno.test("unknown paths are JSON 404s and wrong methods are 405s", () =>
  withApi(async ({ call, json }) => {
    for (const path of ["/api/nope", "/api", "/api/experts/1/extra"]) {
      const missing = await json(path);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toBe("not_found");
    }
    const wrongMethod = await call("/api/experts", { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, HEAD");
    expect((await wrongMethod.json()).error).toBe("method_not_allowed");
    const getContact = await call("/api/contact");
    expect(getContact.status).toBe(405);
    expect(getContact.headers.get("allow")).toBe("POST");
    await getContact.body?.cancel();
    const putMe = await call("/api/me", { method: "PUT" });
    expect(putMe.status).toBe(405);
    expect(putMe.headers.get("allow")).toBe("GET, HEAD, PATCH");
    await putMe.body?.cancel();
    // HEAD is answered as GET, without the body.
    const head = await call("/api/health", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  }));

Deno.test("a path id longer than any of ours is a 404 before any lookup", () =>
  withApi(async ({ json }) => {
    const long = "x".repeat(65);
    for (
      const [method, path] of [
        ["GET", `/api/experts/${long}`],
        ["DELETE", `/api/auth/sessions/${long}`],
      ]
    ) {
      const answer = await json(path, { method });
      // The session route needs a session first: the caller is anonymous.
      expect(answer.status).toBe(method === "GET" ? 404 : 401);
    }
    const expert = await json(`/api/experts/${long}`);
    expect(expert.body).toEqual({
      error: "not_found",
      message: "No such expert.",
    });
  }));
