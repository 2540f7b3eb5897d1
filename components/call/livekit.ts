/**
 * The browser side of a call on a LiveKit server (when the server is
 * configured with LIVEKIT_URL): connects with the token from
 * POST …/call, publishes the pre-join screen's camera and microphone, shows
 * the other participant's tracks, reports LiveKit's own connection quality,
 * and renews the token before it expires (./renewal.ts) so a reconnect
 * always has a valid one. livekit-client reconnects on its own after a
 * network blip; after a full disconnect that was not ours (or the
 * server's removal), this connects again with the latest token.
 *
 * `livekit-client` is imported dynamically, so the bundler puts it in a
 * chunk of its own that only the call page loads, and only in LiveKit mode.
 */
import type { Room } from "livekit-client";
import type { PeerState } from "./peer.ts";
import type { Quality } from "./quality.ts";
import { type RenewalResult, scheduleRenewal } from "./renewal.ts";

export interface LiveKitAccess {
  url: string;
  token: string;
  expiresAt: string;
}

export interface LiveKitCallOptions {
  access: LiveKitAccess;
  local: MediaStream;
  /** Asks the server again (POST …/call): a new token, or "refused". */
  renew(): Promise<LiveKitAccess | "refused">;
  onRemoteStream(stream: MediaStream | null): void;
  onState(state: PeerState): void;
  onQuality(quality: Quality): void;
}

/** The other side of LiveKit's quality scale. */
const QUALITY: Record<string, Quality> = {
  excellent: "good",
  good: "fair",
  poor: "poor",
  lost: "poor",
};

export interface LiveKitCall {
  room: Room;
  setMuted(kind: "audio" | "video", muted: boolean): Promise<void>;
  replaceVideo(track: MediaStreamTrack): Promise<void>;
  hangUp(): Promise<void>;
}

/** Joins the booking's LiveKit room. */
export async function joinLiveKit(
  options: LiveKitCallOptions,
): Promise<LiveKitCall> {
  const lk = await import("livekit-client");
  const room = new lk.Room({ adaptiveStream: true, dynacast: true });
  let token = options.access.token;
  let leaving = false;
  const remote = new MediaStream();
  const showRemote = () =>
    options.onRemoteStream(remote.getTracks().length > 0 ? remote : null);

  room.on(lk.RoomEvent.TrackSubscribed, (track) => {
    remote.addTrack(track.mediaStreamTrack);
    showRemote();
  });
  room.on(lk.RoomEvent.TrackUnsubscribed, (track) => {
    remote.removeTrack(track.mediaStreamTrack);
    showRemote();
  });
  room.on(
    lk.RoomEvent.ParticipantConnected,
    () => options.onState("connected"),
  );
  room.on(lk.RoomEvent.ParticipantDisconnected, () => options.onState("left"));
  room.on(lk.RoomEvent.Reconnecting, () => options.onState("reconnecting"));
  room.on(lk.RoomEvent.Reconnected, () => options.onState("connected"));
  room.on(lk.RoomEvent.ConnectionQualityChanged, (quality, participant) => {
    if (participant.isLocal) options.onQuality(QUALITY[quality] ?? "unknown");
  });
  room.on(lk.RoomEvent.Disconnected, (reason) => {
    const final = leaving ||
      reason === lk.DisconnectReason.CLIENT_INITIATED ||
      reason === lk.DisconnectReason.PARTICIPANT_REMOVED ||
      reason === lk.DisconnectReason.ROOM_DELETED;
    options.onState(final ? "left" : "reconnecting");
    if (!final) {
      room.connect(options.access.url, token).catch(() =>
        options.onState("left")
      );
    }
  });

  const stopRenewing = scheduleRenewal(
    options.access.expiresAt,
    async (): Promise<RenewalResult> => {
      const access = await options.renew();
      if (access === "refused") return "refused";
      token = access.token;
      return { expiresAt: access.expiresAt };
    },
  );

  await room.connect(options.access.url, token);
  for (const track of options.local.getTracks()) {
    await room.localParticipant.publishTrack(track, {
      source: track.kind === "video"
        ? lk.Track.Source.Camera
        : lk.Track.Source.Microphone,
    });
  }
  options.onState(room.remoteParticipants.size > 0 ? "connected" : "waiting");

  const publication = (kind: "audio" | "video") =>
    [...room.localParticipant.trackPublications.values()].find((p) =>
      p.kind === kind && p.source !== lk.Track.Source.ScreenShare
    );
  return {
    room,
    async setMuted(kind, muted) {
      const track = publication(kind)?.track;
      if (track) await (muted ? track.mute() : track.unmute());
    },
    async replaceVideo(track) {
      const camera = publication("video")?.track;
      if (camera) await camera.replaceTrack(track, true);
      else await room.localParticipant.publishTrack(track);
    },
    async hangUp() {
      leaving = true;
      stopRenewing();
      await room.disconnect();
      options.onRemoteStream(null);
    },
  };
}
