/**
 * API tests of the live layer: an app whose answers are checked against the
 * API document, and an event stream opened for a signed-in client through
 * the unchecked fetch (the checker reads whole bodies, and a stream never
 * ends).
 */
import { expect } from "expect";
import {
  type AuthTestApp,
  type Client,
  createAuthTestApp,
  TEST_ORIGIN,
} from "@/tests/support/auth.ts";
import { SseReader } from "@/realtime/sse_client.ts";
import { checkApiAnswers } from "./contract.ts";

/** A checked app, and its unchecked fetch for event streams. */
export async function createApp(): Promise<
  AuthTestApp & { rawFetch: AuthTestApp["fetch"] }
> {
  const app = await createAuthTestApp();
  const rawFetch = app.fetch.bind(app);
  return Object.assign(checkApiAnswers(app), { rawFetch });
}

/** `client`'s event stream, open. */
export async function stream(
  app: { rawFetch: AuthTestApp["fetch"] },
  client: Client,
): Promise<SseReader> {
  const response = await app.rawFetch(
    new Request(`${TEST_ORIGIN}/api/live`, {
      headers: {
        accept: "text/event-stream",
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    }),
    client.ip,
  );
  expect(response.status).toBe(200);
  return new SseReader(response.body!);
}
