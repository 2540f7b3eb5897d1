/**
 * Who carries a call's audio and video: the browsers themselves
 * (peer-to-peer, the default) or a LiveKit server. Chosen once per process
 * from the configuration and bound to the KV handle as a provider (see
 * services/platform/providers.ts): runtime.ts binds realtime/calls.ts's
 * `createCallMedia(config)`; an unbound handle (unit tests) gets
 * peer-to-peer with no STUN/TURN servers, which is enough on one machine.
 */
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import { iceServersFor } from "./ice.ts";
import {
  type CallAccess,
  type CallBooking,
  type CallEvent,
  type CallMode,
  HEARTBEAT_SECONDS,
  type IceServer,
} from "./model.ts";

/** The media side of calls, as the use cases need it. */
export interface CallMedia {
  readonly mode: CallMode;
  /**
   * Origins the call page's browser must reach besides ours (a LiveKit
   * server's WebSocket and HTTP origins), for its connect-src.
   */
  readonly browserOrigins?: readonly string[];
  /** Readies the booking's call and hands `userId` what their browser needs to join it. */
  admit(booking: CallBooking, userId: string, now: Date): Promise<CallAccess>;
  /** Disconnects `userId` from the booking's call at once (nothing to do peer-to-peer). */
  remove(bookingId: string, userId: string): Promise<void>;
  /** Ends the booking's call for everyone (nothing to do peer-to-peer). */
  close(bookingId: string): Promise<void>;
  /**
   * Verifies a webhook from the media server and reads it; null for events
   * that are not about our calls. Throws WebhookRejectedError when it does
   * not verify. Absent peer-to-peer.
   */
  readWebhook?(body: string, authorization: string | null): Promise<
    CallEvent | null
  >;
}

/** STUN/TURN configuration for peer-to-peer calls. */
export interface PeerToPeerSettings {
  urls: string[];
  servers?: IceServer[];
  turnSecret?: string;
}

/** Peer-to-peer calls: browsers connect directly, helped by `ice`'s servers. */
export function peerToPeerMedia(ice: PeerToPeerSettings): CallMedia {
  return {
    mode: "p2p",
    admit: async (_booking, userId, now) => ({
      mode: "p2p",
      iceServers: await iceServersFor(ice, userId, now.getTime()),
      heartbeatSeconds: HEARTBEAT_SECONDS,
    }),
    remove: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** The call media slot; unbound databases get bare peer-to-peer. */
export const callMediaProvider = defineProviderSlot<CallMedia>(
  "call media",
  () => peerToPeerMedia({ urls: [] }),
);

/** The call media bound to `kv`. */
export function callMediaFor(kv: Deno.Kv): CallMedia {
  return providerFor(kv, callMediaProvider);
}
