/**
 * What a call looks like while it runs: the other party's video large, your
 * own small in a corner, a line saying how the connection is, and the
 * controls (microphone, camera, screen share, hang up). Rendered by the
 * call island (islands/CallRoom.tsx), which owns the connection.
 */
import { useEffect, useRef } from "preact/hooks";
import type { PeerState } from "./peer.ts";
import { type Quality, type QualitySample, qualityText } from "./quality.ts";

export interface StageControls {
  muted: { audio: boolean; video: boolean };
  sharing: boolean;
  canShare: boolean;
  toggle(kind: "audio" | "video"): void;
  toggleScreen(): void;
  hangUp(): void;
}

export interface CallStageProps {
  local: MediaStream;
  remote: MediaStream | null;
  state: PeerState | "ended";
  otherName: string;
  quality: Quality;
  sample: QualitySample | null;
  controls: StageControls;
}

function Video(
  { stream, muted, label, class: className }: {
    stream: MediaStream | null;
    muted: boolean;
    label: string;
    class: string;
  },
) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current && video.current.srcObject !== stream) {
      video.current.srcObject = stream;
    }
  }, [stream]);
  return (
    <video
      ref={video}
      autoplay
      playsInline
      muted={muted}
      aria-label={label}
      class={className}
    />
  );
}

const QUALITY_DOT: Record<Quality, string> = {
  good: "bg-green-600",
  fair: "bg-amber-500",
  poor: "bg-red-600",
  unknown: "bg-slate-400",
};

function stateText(state: CallStageProps["state"], otherName: string) {
  switch (state) {
    case "waiting":
      return `Waiting for ${otherName} to join…`;
    case "connecting":
      return `Connecting to ${otherName}…`;
    case "connected":
      return `In the call with ${otherName}`;
    case "reconnecting":
      return "The connection dropped. Reconnecting…";
    case "left":
      return `${otherName} left the call. They can rejoin from their page.`;
    case "ended":
      return "You left the call.";
  }
}

const button =
  "rounded-full px-4 py-2 text-sm font-semibold border border-slate-300 bg-white text-slate-900 aria-pressed:bg-slate-800 aria-pressed:text-white";

export function CallStage(props: CallStageProps) {
  const { controls } = props;
  const hasRemoteVideo =
    props.remote?.getVideoTracks().some((t) => t.readyState === "live") ??
      false;
  return (
    <section aria-label="Video call" class="min-w-0 space-y-3">
      <div class="relative aspect-video w-full overflow-hidden rounded-lg bg-slate-900">
        <Video
          stream={props.remote}
          muted={false}
          label={`${props.otherName}'s video`}
          class="h-full w-full object-contain"
        />
        {!hasRemoteVideo && (
          // The status line below says the same to screen readers.
          <p
            aria-hidden="true"
            class="absolute inset-0 grid place-items-center p-4 text-center text-lg font-semibold text-white"
          >
            {props.otherName}
          </p>
        )}
        <Video
          stream={props.local}
          muted
          label="Your video"
          class="absolute bottom-2 right-2 aspect-video w-1/4 min-w-20 rounded border border-white/60 bg-slate-800 object-cover"
        />
      </div>
      <p
        role="status"
        class="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-800"
      >
        <span data-call-status>{stateText(props.state, props.otherName)}</span>
        {props.state === "connected" && (
          <span class="inline-flex items-center gap-1.5">
            <span
              aria-hidden="true"
              class={`inline-block h-2.5 w-2.5 rounded-full ${
                QUALITY_DOT[props.quality]
              }`}
            />
            {qualityText(props.quality, props.sample)}
          </span>
        )}
      </p>
      <div class="flex flex-wrap gap-2" role="group" aria-label="Call controls">
        {/* Fixed names with a pressed state, as screen readers expect of toggles. */}
        <button
          type="button"
          class={button}
          aria-pressed={controls.muted.audio}
          onClick={() => controls.toggle("audio")}
        >
          Mute microphone
        </button>
        <button
          type="button"
          class={button}
          aria-pressed={controls.muted.video}
          onClick={() => controls.toggle("video")}
        >
          Turn camera off
        </button>
        {controls.canShare && (
          <button
            type="button"
            class={button}
            aria-pressed={controls.sharing}
            onClick={controls.toggleScreen}
          >
            Share screen
          </button>
        )}
        <button
          type="button"
          class="rounded-full bg-red-700 px-4 py-2 text-sm font-semibold text-white"
          onClick={controls.hangUp}
        >
          Hang up
        </button>
      </div>
    </section>
  );
}
