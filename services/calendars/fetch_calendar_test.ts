import { expect } from "expect";
import { fetchCalendar, parseCalendarUrl } from "./fetch_calendar.ts";
import { CalendarError } from "./model.ts";
import { icsCalendar, icsResponse, serveCalendars } from "./testing.ts";

const CALENDAR = icsCalendar();
const local = { allowLoopback: true };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (error) => error);
  expect(error).toBeInstanceOf(CalendarError);
  return (error as Error).message;
}

Deno.test("a calendar is fetched, then answered 304 while its ETag holds", async () => {
  await using server = serveCalendars((request) =>
    request.headers.get("if-none-match") === '"v1"'
      ? new Response(null, { status: 304 })
      : icsResponse(CALENDAR, {
        etag: '"v1"',
        "last-modified": "Tue, 01 Jan 2030 00:00:00 GMT",
      })
  );
  const first = await fetchCalendar(server.url("/cal.ics"), local);
  expect(first).toEqual({
    status: "fetched",
    text: CALENDAR,
    etag: '"v1"',
    lastModified: "Tue, 01 Jan 2030 00:00:00 GMT",
  });
  const second = await fetchCalendar(server.url("/cal.ics"), {
    ...local,
    etag: '"v1"',
    lastModified: "Tue, 01 Jan 2030 00:00:00 GMT",
  });
  expect(second).toEqual({ status: "not-modified" });
  expect(server.requests[1].headers.get("if-modified-since")).toBe(
    "Tue, 01 Jan 2030 00:00:00 GMT",
  );
});

Deno.test("a body over the size limit is refused, declared or streamed", async () => {
  const big = "X".repeat(5_000);
  await using server = serveCalendars((request) => {
    if (request.url.endsWith("/declared")) return icsResponse(big);
    // No Content-Length: the limit must hold while reading.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) {
          controller.enqueue(new TextEncoder().encode(big));
        }
        controller.close();
      },
    });
    return new Response(stream);
  });
  for (const path of ["/declared", "/streamed"]) {
    const message = await refusal(
      fetchCalendar(server.url(path), { ...local, maxBytes: 4_000 }),
    );
    expect(message).toMatch(/larger than 4 KB/);
  }
});

Deno.test("gzip bodies are decompressed, and the limit counts the decompressed size", async () => {
  const gzipped = await new Response(
    new Blob([CALENDAR]).stream().pipeThrough(new CompressionStream("gzip")),
  ).arrayBuffer();
  await using server = serveCalendars(() =>
    new Response(gzipped, { headers: { "content-encoding": "gzip" } })
  );
  const result = await fetchCalendar(server.url("/gz"), local);
  expect(result).toMatchObject({ status: "fetched", text: CALENDAR });
  const message = await refusal(
    fetchCalendar(server.url("/gz"), { ...local, maxBytes: 50 }),
  );
  expect(message).toMatch(/larger than/);
});

Deno.test("a server slower than the time limit is given up on", async () => {
  const { promise: released, resolve: release } = Promise.withResolvers<
    void
  >();
  await using server = serveCalendars(async () => {
    await released;
    return icsResponse(CALENDAR);
  });
  try {
    const started = Date.now();
    const message = await refusal(
      fetchCalendar(server.url("/slow"), { ...local, timeoutMs: 200 }),
    );
    expect(message).toMatch(/did not answer within 0\.2 seconds/);
    expect(Date.now() - started).toBeLessThan(2_000);
  } finally {
    release();
  }
});

Deno.test("a body that trickles in forever is cut off by the same time limit", async () => {
  let timer: ReturnType<typeof setInterval> | undefined;
  await using server = serveCalendars(() =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("BEGIN:VCALENDAR\r\n"));
          timer = setInterval(
            () => controller.enqueue(new TextEncoder().encode("X-A:b\r\n")),
            20,
          );
        },
        cancel() {
          clearInterval(timer);
        },
      }),
    )
  );
  try {
    const message = await refusal(
      fetchCalendar(server.url("/trickle"), { ...local, timeoutMs: 300 }),
    );
    expect(message).toMatch(/did not answer within 0\.3 seconds/);
  } finally {
    clearInterval(timer);
  }
});

Deno.test("a garbled compressed body is a plain error", async () => {
  await using server = serveCalendars(() =>
    new Response("definitely not gzip", {
      headers: { "content-encoding": "gzip" },
    })
  );
  expect(await refusal(fetchCalendar(server.url("/bad-gzip"), local)))
    .toMatch(/broke off the download/);
});

Deno.test("redirects are followed, each hop checked", async () => {
  await using server = serveCalendars((request) => {
    const path = new URL(request.url).pathname;
    const redirect = (to: string) =>
      new Response(null, { status: 302, headers: { location: to } });
    if (path === "/moved") return redirect("/cal.ics");
    if (path === "/to-private") return redirect("http://10.0.0.7/cal.ics");
    if (path === "/to-metadata") {
      return redirect("http://169.254.169.254/latest/meta-data/");
    }
    if (path === "/to-mapped") return redirect("http://[::ffff:192.168.0.1]/");
    if (path.startsWith("/loop")) return redirect(`/loop${path.length}`);
    return icsResponse(CALENDAR);
  });
  expect(await fetchCalendar(server.url("/moved"), local)).toMatchObject({
    status: "fetched",
  });
  expect(await refusal(fetchCalendar(server.url("/to-private"), local)))
    .toMatch(/does not fetch calendars from a private network address/);
  expect(await refusal(fetchCalendar(server.url("/to-metadata"), local)))
    .toMatch(/link-local address/);
  expect(await refusal(fetchCalendar(server.url("/to-mapped"), local)))
    .toMatch(/private network address/);
  expect(await refusal(fetchCalendar(server.url("/loop"), local)))
    .toMatch(/redirects more than 3 times/);
  // Nothing was ever sent to the private addresses: only our server saw requests.
  expect(server.requests.every((r) => r.url.startsWith(server.url("/"))))
    .toBe(true);
});

Deno.test("this machine and private networks are refused without the test switch", async () => {
  await using server = serveCalendars(() => icsResponse(CALENDAR));
  for (
    const address of [
      server.url("/cal.ics"),
      `http://localhost:${server.port}/cal.ics`,
      `http://[::1]:${server.port}/cal.ics`,
      `http://[::ffff:127.0.0.1]:${server.port}/cal.ics`,
      `http://0.0.0.0:${server.port}/cal.ics`,
      "http://10.1.2.3/cal.ics",
      "https://192.168.1.10/cal.ics",
      "http://100.100.1.1/cal.ics",
      "http://[fd00::1]/cal.ics",
      "http://2130706433/cal.ics", // 127.0.0.1 written as a number
    ]
  ) {
    expect([address, await refusal(fetchCalendar(address))]).toEqual([
      address,
      expect.stringMatching(/^TapTime does not fetch calendars from /),
    ]);
  }
  expect(server.requests).toHaveLength(0);
  // The switch lets loopback through, never a private network.
  expect(await refusal(fetchCalendar("http://10.1.2.3/cal.ics", local)))
    .toMatch(/private network/);
});

Deno.test("host names are checked on every address they resolve to, and the connection uses them", async () => {
  await using server = serveCalendars((request) =>
    icsResponse(`${request.headers.get("host")}`)
  );
  const names: Record<string, string[]> = {
    "cal.example.test": ["127.0.0.1"],
    "intranet.example.test": ["10.0.0.5"],
    "mixed.example.test": ["93.184.215.14", "192.168.1.1"],
    "nowhere.example.test": [],
  };
  const resolve = (host: string) => Promise.resolve(names[host] ?? []);
  // The request reaches our server only through the checked address.
  const result = await fetchCalendar(
    `http://cal.example.test:${server.port}/cal.ics`,
    { ...local, resolve },
  );
  expect(result).toMatchObject({ text: `cal.example.test:${server.port}` });
  expect(
    await refusal(fetchCalendar(`http://cal.example.test/`, { resolve })),
  ).toMatch(/loopback/);
  expect(
    await refusal(fetchCalendar("https://intranet.example.test/", { resolve })),
  ).toMatch(/private network address \(intranet\.example\.test\)/);
  expect(
    await refusal(fetchCalendar("https://mixed.example.test/", { resolve })),
  ).toMatch(/private network address/);
  expect(
    await refusal(fetchCalendar("https://nowhere.example.test/", { resolve })),
  ).toMatch(/could not be found/);
});

Deno.test("error statuses are explained in plain words", async () => {
  await using server = serveCalendars((request) => {
    const status = Number(new URL(request.url).pathname.slice(1));
    return new Response(status === 304 ? null : "no", { status });
  });
  expect(await refusal(fetchCalendar(server.url("/404"), local))).toMatch(
    /not found at that address \(HTTP 404\)/,
  );
  expect(await refusal(fetchCalendar(server.url("/403"), local))).toMatch(
    /refused access \(HTTP 403\)/,
  );
  expect(await refusal(fetchCalendar(server.url("/503"), local))).toMatch(
    /had a problem \(HTTP 503\)/,
  );
  // A 304 to a request that asked for no condition is not "unchanged".
  expect(await refusal(fetchCalendar(server.url("/304"), local))).toMatch(
    /HTTP 304/,
  );
});

Deno.test("a closed port is a plain connection error", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  expect(
    await refusal(fetchCalendar(`http://127.0.0.1:${port}/`, local)),
  ).toMatch(/refused the connection/);
});

Deno.test("calendar addresses are read the way calendar programs share them", () => {
  expect(
    parseCalendarUrl(" webcal://p01-caldav.icloud.com/published/2/x ").href,
  )
    .toBe("https://p01-caldav.icloud.com/published/2/x");
  expect(parseCalendarUrl("https://calendar.google.com/a.ics#frag").href)
    .toBe("https://calendar.google.com/a.ics");
  for (
    const [input, message] of [
      ["not a url", /not a web address/],
      ["ftp://example.com/cal.ics", /must start with https:\/\//],
      ["file:///etc/passwd", /must start with https:\/\//],
      ["https://user:secret@example.com/cal.ics", /user name or password/],
      [`https://example.com/${"a".repeat(2_000)}`, /too long/],
    ] as const
  ) {
    expect(() => parseCalendarUrl(input)).toThrow(message);
  }
});
