/**
 * Opening a user's event stream for an HTTP request: content negotiation,
 * the resume point, and the session check that ends the stream with the
 * session (the auth feature's `authenticate` fails after logout, suspension,
 * a password change or expiry).
 */
import { authenticate } from "@/services/auth/mod.ts";
import { providerFor } from "@/services/platform/providers.ts";
import { liveHubProvider } from "./hub.ts";
import { acceptsEventStream, resumePoint } from "./sse.ts";

export interface LiveStreamRequest {
  userId: string;
  sessionToken: string;
  accept: string | undefined;
  lastEventIdHeader: string | undefined;
  lastEventIdQuery: string | undefined;
}

/** The stream for the response body, or why there is none. */
export async function openLiveStream(
  kv: Deno.Kv,
  request: LiveStreamRequest,
): Promise<ReadableStream<Uint8Array> | "not_acceptable" | "bad_resume"> {
  if (!acceptsEventStream(request.accept)) return "not_acceptable";
  const lastEventId = resumePoint(
    request.lastEventIdHeader,
    request.lastEventIdQuery,
  );
  if (lastEventId === undefined) return "bad_resume";
  return await providerFor(kv, liveHubProvider).open({
    userId: request.userId,
    lastEventId,
    isLive: async () =>
      (await authenticate(kv, request.sessionToken))?.user.id ===
        request.userId,
  });
}
