/**
 * STUN/TURN for peer-to-peer calls: reading ICE_SERVERS (a JSON array of
 * RTCIceServer objects, or a comma-separated list of URLs) and issuing
 * time-limited TURN credentials in coturn's REST format, so a TURN server
 * with `use-auth-secret` / `static-auth-secret` accepts them without any
 * per-user state:
 *
 *   username   = "<expiry in Unix seconds>:<user id>"
 *   credential = base64(HMAC-SHA1(secret, username))
 */
import { z } from "zod";
import type { IceServer } from "./model.ts";

/** How long issued TURN credentials work: the longest session and then some. */
export const TURN_CREDENTIAL_TTL_SECONDS = 6 * 3600;

const ICE_URL = /^(stun|turns?):[^\s?]+(\?transport=(udp|tcp))?$/;

const jsonServers = z.array(z.object({
  urls: z.union([z.string(), z.array(z.string()).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
})).min(1, "List at least one server.");

/** What ICE_SERVERS says: every URL, and the servers themselves when given as JSON. */
export interface IceServerList {
  urls: string[];
  /** Present when ICE_SERVERS was JSON (static usernames/credentials kept). */
  servers?: IceServer[];
}

const urlProblem = (url: string) =>
  `"${url}" is not a stun:, turn: or turns: URL (e.g. turn:turn.example.com:3478?transport=udp).`;

/** Reads ICE_SERVERS; `problems` lists what is wrong with it. */
export function parseIceServers(
  text: string,
): IceServerList | { problems: string[] } {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return {
        problems: [
          'Not valid JSON; use e.g. [{"urls":"stun:stun.example.com:3478"}] or a comma-separated list of URLs.',
        ],
      };
    }
    const result = jsonServers.safeParse(parsed);
    if (!result.success) {
      return {
        problems: result.error.issues.map((issue) =>
          `${issue.path.join(".") || "list"}: ${issue.message}`
        ),
      };
    }
    const servers = result.data;
    const urls = servers.flatMap((server) => [server.urls].flat());
    const problems = urls.filter((url) => !ICE_URL.test(url)).map(urlProblem);
    return problems.length > 0 ? { problems } : { urls, servers };
  }
  const urls = trimmed.split(",").map((url) => url.trim()).filter(Boolean);
  if (urls.length === 0) return { problems: ["List at least one URL."] };
  const problems = urls.filter((url) => !ICE_URL.test(url)).map(urlProblem);
  return problems.length > 0 ? { problems } : { urls };
}

/** coturn REST credentials for `userId`, valid until `nowMs` + `ttlSeconds`. */
export async function turnCredentials(
  secret: string,
  userId: string,
  nowMs: number,
  ttlSeconds = TURN_CREDENTIAL_TTL_SECONDS,
): Promise<{ username: string; credential: string }> {
  const expiry = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiry}:${userId}`;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(username),
  );
  return {
    username,
    credential: btoa(String.fromCharCode(...new Uint8Array(mac))),
  };
}

const isTurn = (url: string) => /^turns?:/.test(url);

/**
 * The servers handed to `userId`'s browser: each configured server, with
 * fresh TURN credentials on TURN servers that have none of their own when a
 * secret is set.
 */
export async function iceServersFor(
  ice: { urls: string[]; servers?: IceServer[]; turnSecret?: string },
  userId: string,
  nowMs: number,
): Promise<IceServer[]> {
  const servers = ice.servers ??
    ice.urls.map((url): IceServer => ({ urls: url }));
  if (!ice.turnSecret) return servers;
  const credentials = await turnCredentials(ice.turnSecret, userId, nowMs);
  return servers.map((server) =>
    [server.urls].flat().some(isTurn) && server.username === undefined
      ? { ...server, ...credentials }
      : server
  );
}
