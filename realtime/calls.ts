/**
 * Which call media this process uses, from its configuration: LiveKit when
 * configured (./livekit.ts), else peer-to-peer with the configured STUN/TURN
 * servers. runtime.ts binds the result to the KV handle
 * (`provide(callMediaProvider, createCallMedia(config))`).
 *
 * Peer-to-peer signalling (offer, answer, ICE candidates between the two
 * browsers) travels over the per-user event stream, which lives beside
 * this in realtime/; the call page's seam for it is islands/CallPrejoin.tsx.
 */
import type { Config } from "@/env.ts";
import { type CallMedia, peerToPeerMedia } from "@/services/calls/mod.ts";
import { liveKitMedia } from "./livekit.ts";

/** The call media `config` asks for. */
export function createCallMedia(
  config: Pick<Config, "video" | "ice">,
): CallMedia {
  if (config.video) return liveKitMedia(config.video);
  return peerToPeerMedia({
    urls: config.ice?.urls ?? [],
    servers: config.ice?.servers,
    turnSecret: config.ice?.turnSecret,
  });
}
