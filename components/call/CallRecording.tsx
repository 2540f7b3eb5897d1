/**
 * The recording part of the call (inside islands/CallRoom.tsx). When the
 * booking may be recorded (the expert offers it, the learner agreed), both
 * people see "This session may be recorded", and "Recording" while a
 * recording is being made (read from GET /api/bookings/{id}/recordings, so
 * the learner sees it too, and LiveKit's server-side recording as well).
 * Peer-to-peer, the expert's browser records (components/call/recorder.ts):
 * it starts once the two are connected, and the expert can stop and
 * start it again; hanging up saves it.
 */
import type { Ref } from "preact";
import { useEffect, useImperativeHandle, useRef, useState } from "preact/hooks";
import { BrowserRecording, type RecorderState } from "./recorder.ts";

/** What the call does with the recording when it ends. */
export interface RecordingControl {
  /** Stops and saves a browser recording (hanging up). */
  stop(): Promise<void>;
  /** The page is going away. */
  abandon(): void;
}

const POLL_MS = 10_000;

export function CallRecording(
  { bookingId, party, mode, local, remote, connected, control }: {
    bookingId: string;
    party: "learner" | "expert";
    mode: "p2p" | "livekit";
    local: MediaStream;
    remote: MediaStream | null;
    connected: boolean;
    control: Ref<RecordingControl | null>;
  },
) {
  const [allowed, setAllowed] = useState(false);
  const [serverRecording, setServerRecording] = useState(false);
  const [state, setState] = useState<RecorderState>("idle");
  const [error, setError] = useState<string | null>(null);
  const recording = useRef<BrowserRecording | null>(null);
  const autoStarted = useRef(false);
  const records = party === "expert" && mode === "p2p";

  useImperativeHandle(control, () => ({
    stop: async () => {
      const current = recording.current;
      recording.current = null;
      await current?.stop();
    },
    abandon: () => recording.current?.abandon(),
  }), []);

  useEffect(() => {
    fetch(`/api/bookings/${encodeURIComponent(bookingId)}`, {
      headers: { accept: "application/json" },
    }).then((response) => response.ok ? response.json() : null)
      .then((body) => setAllowed(body?.booking?.recordingConsent === true))
      .catch(() => {});
  }, [bookingId]);

  // Whether a recording is being made, for both sides (and LiveKit's).
  useEffect(() => {
    if (!allowed) return;
    const look = () =>
      fetch(`/api/bookings/${encodeURIComponent(bookingId)}/recordings`, {
        headers: { accept: "application/json" },
      }).then((response) => response.ok ? response.json() : null)
        .then((body) =>
          setServerRecording(
            (body?.recordings ?? []).some((r: { status: string }) =>
              r.status === "recording"
            ),
          )
        ).catch(() => {});
    look();
    const timer = setInterval(look, POLL_MS);
    return () => clearInterval(timer);
  }, [allowed]);

  const onState = (next: RecorderState, message?: string) => {
    setState(next);
    setError(message ?? null);
  };

  async function start() {
    if (recording.current) return;
    const made = new BrowserRecording(bookingId, onState);
    recording.current = made;
    if (!await made.start(local, remote) && recording.current === made) {
      recording.current = null;
    }
  }

  async function stop() {
    const current = recording.current;
    recording.current = null;
    await current?.stop();
  }

  // The expert's browser starts recording once the two are connected.
  useEffect(() => {
    if (!allowed || !records || !connected || autoStarted.current) return;
    autoStarted.current = true;
    start();
  }, [allowed, connected]);

  useEffect(() => {
    recording.current?.setRemote(remote);
  }, [remote]);

  if (!allowed) return null;
  const live = state === "recording" || (state !== "saving" && serverRecording);
  return (
    <div
      class="flex flex-wrap items-center gap-3 lg:col-span-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-900"
      data-recording-state={live ? "recording" : state}
    >
      <p role="status" class="flex items-center gap-2">
        {live
          ? (
            <>
              <span
                class="inline-block h-2.5 w-2.5 rounded-full bg-red-600"
                aria-hidden="true"
              />
              <strong>Recording</strong>
            </>
          )
          : state === "saving"
          ? "Saving the recording…"
          : state === "saved"
          ? "The recording is saved on the booking's page."
          : "This session may be recorded."}
      </p>
      {records && (state === "recording" || state === "starting") && (
        <button
          type="button"
          class="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium"
          onClick={stop}
          disabled={state === "starting"}
        >
          Stop recording
        </button>
      )}
      {records && connected &&
        (state === "idle" || state === "saved" || state === "failed") && (
        <button
          type="button"
          class="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium"
          onClick={start}
        >
          {state === "idle" ? "Start recording" : "Record again"}
        </button>
      )}
      {error && <p class="w-full text-red-800">{error}</p>}
    </div>
  );
}
