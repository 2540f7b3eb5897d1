/**
 * The call page's pre-join screen: camera and microphone pickers with a
 * live preview and a level meter, an audio-only switch and a quick network
 * check, then "Join", which asks the server for access
 * (POST /api/bookings/{id}/call) and keeps a peer-to-peer attendance alive
 * with heartbeats until the page is left.
 *
 * Connecting the two browsers is islands/CallRoom.tsx's part. On joining,
 * this island announces `{ bookingId, access, stream }` — the server's
 * CallAccess and the chosen local MediaStream — to the call room
 * (components/call/join_handoff.ts) and folds away to one line while the
 * call runs; on `taptime:call-ended` (hanging up) it stops the heartbeats,
 * says so to the server, and offers to join again.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { announceCallJoin } from "@/components/call/join_handoff.ts";

export interface CallPrejoinProps {
  bookingId: string;
  /** The other party's name, for the copy. */
  otherName: string;
}

type CallAccess =
  | { mode: "p2p"; iceServers: unknown[]; heartbeatSeconds: number }
  | { mode: "livekit"; url: string; token: string; expiresAt: string };

type Status =
  | "asking"
  | "ready"
  | "denied"
  | "joining"
  | "joined"
  | "refused";

export default function CallPrejoin(
  { bookingId, otherName }: CallPrejoinProps,
) {
  const video = useRef<HTMLVideoElement>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [mics, setMics] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState("");
  const [micId, setMicId] = useState("");
  const [audioOnly, setAudioOnly] = useState(false);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [level, setLevel] = useState(0);
  const [status, setStatus] = useState<Status>("asking");
  const [message, setMessage] = useState("");
  const [network, setNetwork] = useState<string>("Checking…");

  // The preview: a new stream whenever the choice of devices changes.
  useEffect(() => {
    let cancelled = false;
    let current: MediaStream | null = null;
    navigator.mediaDevices.getUserMedia({
      audio: micId ? { deviceId: { exact: micId } } : true,
      video: audioOnly
        ? false
        : cameraId
        ? { deviceId: { exact: cameraId } }
        : true,
    }).then(async (media) => {
      if (cancelled) {
        media.getTracks().forEach((track) => track.stop());
        return;
      }
      current = media;
      setStream(media);
      setStatus((before) => before === "joined" ? before : "ready");
      // Device names are only listed once the page may use them.
      const devices = await navigator.mediaDevices.enumerateDevices();
      setCameras(devices.filter((d) => d.kind === "videoinput"));
      setMics(devices.filter((d) => d.kind === "audioinput"));
    }).catch(() => {
      if (!cancelled) setStatus("denied");
    });
    return () => {
      cancelled = true;
      current?.getTracks().forEach((track) => track.stop());
    };
  }, [cameraId, micId, audioOnly]);

  // Again after a call: the preview comes back when the screen unfolds.
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream, status === "joined"]);

  // The level meter: the microphone's loudness, about 20 times a second.
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    }, 50);
    return () => {
      clearInterval(timer);
      context.close();
    };
  }, [stream]);

  // A quick network check: how long the server takes to answer.
  useEffect(() => {
    const started = performance.now();
    fetch("/api/openapi.json", { method: "HEAD", cache: "no-store" })
      .then(() => {
        const ms = Math.round(performance.now() - started);
        setNetwork(
          navigator.onLine === false
            ? "Offline"
            : ms < 300
            ? `Good (${ms} ms to the server)`
            : `Slow (${ms} ms to the server): audio only may work better`,
        );
      })
      .catch(() => setNetwork("The server cannot be reached"));
  }, []);

  async function join() {
    setStatus("joining");
    const response = await fetch(`/api/bookings/${bookingId}/call`, {
      method: "POST",
      headers: { accept: "application/json" },
    });
    const body = await response.json();
    if (!response.ok) {
      setStatus("refused");
      setMessage(body.message ?? "The call cannot be joined now.");
      return;
    }
    const access = body as CallAccess;
    setStatus("joined");
    announceCallJoin({ bookingId, access, stream });
    if (access.mode !== "p2p") return;
    const base = `/api/bookings/${bookingId}/call`;
    const beat = setInterval(() => {
      fetch(`${base}/heartbeat`, { method: "POST" }).catch(() => {});
    }, access.heartbeatSeconds * 1000);
    const leave = () => {
      clearInterval(beat);
      fetch(`${base}/leave`, { method: "POST", keepalive: true })
        .catch(() => {});
    };
    const ended = () => {
      globalThis.removeEventListener("pagehide", leave);
      leave();
      setStatus("ready");
    };
    globalThis.addEventListener("pagehide", leave, { once: true });
    globalThis.addEventListener("taptime:call-ended", ended, { once: true });
  }

  if (status === "joined") {
    return (
      <p role="status" class="text-sm" data-call-prejoin={status}>
        <span data-call-joined>You are in the call.</span> The call with{" "}
        {otherName} is below.
      </p>
    );
  }

  return (
    <div class="space-y-4" data-call-prejoin={status}>
      {status === "denied"
        ? (
          <p role="alert" class="text-red-800">
            The browser did not allow the camera or microphone. Allow them in
            the address bar's site settings, then reload this page.
          </p>
        )
        : (
          <div class="relative overflow-hidden rounded-lg bg-gray-900 aspect-video max-w-xl">
            {audioOnly
              ? (
                <p class="absolute inset-0 grid place-items-center text-white">
                  Audio only
                </p>
              )
              : (
                <video
                  ref={video}
                  autoplay
                  muted
                  playsInline
                  class="h-full w-full object-cover"
                  aria-label="Your camera preview"
                />
              )}
          </div>
        )}
      <div class="grid gap-3 sm:grid-cols-2 max-w-xl">
        <label class="block text-sm">
          <span class="font-medium">Camera</span>
          <select
            class="mt-1 block w-full rounded border border-gray-300 p-2"
            value={cameraId}
            disabled={audioOnly}
            onChange={(e) => setCameraId(e.currentTarget.value)}
          >
            <option value="">Default camera</option>
            {cameras.map((d, i) => (
              <option value={d.deviceId} key={d.deviceId}>
                {d.label || `Camera ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <label class="block text-sm">
          <span class="font-medium">Microphone</span>
          <select
            class="mt-1 block w-full rounded border border-gray-300 p-2"
            value={micId}
            onChange={(e) => setMicId(e.currentTarget.value)}
          >
            <option value="">Default microphone</option>
            {mics.map((d, i) => (
              <option value={d.deviceId} key={d.deviceId}>
                {d.label || `Microphone ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="max-w-xl">
        <span class="text-sm font-medium" id="mic-level">Microphone level</span>
        <div
          class="mt-1 h-2 w-full rounded bg-gray-200"
          role="meter"
          aria-labelledby="mic-level"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(level * 100)}
        >
          <div
            class="h-2 rounded bg-green-600"
            style={{ width: `${Math.round(level * 100)}%` }}
          />
        </div>
      </div>
      <label class="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={audioOnly}
          onChange={(e) => setAudioOnly(e.currentTarget.checked)}
        />
        Audio only (no camera)
      </label>
      <p class="text-sm">
        <span class="font-medium">Network:</span> {network}
      </p>
      {status === "refused" && (
        <p role="alert" class="text-red-800">{message}</p>
      )}
      <button
        type="button"
        class="rounded-md bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-50"
        disabled={status === "joining" || status === "asking"}
        onClick={join}
      >
        {status === "joining" ? "Joining…" : "Join the call"}
      </button>
    </div>
  );
}
