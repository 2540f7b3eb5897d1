/**
 * The baseline: the smallest useful Deno HTTP server, answering every request
 * with the same small HTML page. Its requests per second on this machine,
 * measured with the same load generator in the same run, is the 100% that
 * each TapTime page is compared against.
 *
 *   PORT=8001 deno run -A bench/bare_server.ts
 */
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Baseline</title></head>
<body><main><h1>Hello from the baseline server</h1><p>A fixed page.</p></main></body>
</html>
`;

const port = Number(Deno.env.get("PORT") ?? "8001");

Deno.serve({
  hostname: "127.0.0.1",
  port,
  onListen: ({ port }) => console.log(`Baseline server on port ${port}`),
}, () =>
  new Response(PAGE, {
    headers: { "content-type": "text/html; charset=utf-8" },
  }));
