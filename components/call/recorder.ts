/**
 * Recording a peer-to-peer call in the expert's browser (client code, used
 * by islands/CallRecorder.tsx). Both sides go into one recording: the two
 * videos are drawn onto a canvas (the other person large, the expert in a
 * corner) and the two microphones mixed with WebAudio; MediaRecorder turns
 * that into WebM, handing over a piece every second. Each piece is cut
 * into chunks of at most MAX_CHUNK_BYTES and uploaded in order
 * (POST /api/bookings/{id}/recordings/{recordingId}/chunks/{n}), retried
 * when the network fails (a repeated chunk is harmless). Stopping uploads
 * what is left and finishes the recording; a page that disappears is
 * finished by the server after two minutes of silence.
 */

/** The server's chunk limit (services/recordings MAX_CHUNK_BYTES). */
export const CHUNK_BYTES = 64 * 1024;
const FRAME_MS = 1000 / 15;
const WIDTH = 960;
const HEIGHT = 540;
const TIMESLICE_MS = 1000;
const RETRIES = [500, 2_000, 5_000];

export type RecorderState =
  | "idle"
  | "starting"
  | "recording"
  | "saving"
  | "saved"
  | "failed";

/** The WebM flavour this browser records, or null when it cannot. */
export function recordingMimeType(): string | null {
  if (typeof MediaRecorder === "undefined") return null;
  for (
    const type of [
      "video/webm;codecs=vp8,opus",
      "video/webm;codecs=vp9,opus",
      "video/webm",
    ]
  ) {
    if (MediaRecorder.isTypeSupported(type)) return type;
  }
  return null;
}

function playing(stream: MediaStream | null): HTMLVideoElement {
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  video.play().catch(() => {});
  return video;
}

/** One recording of the call, from start to finish. */
export class BrowserRecording {
  readonly #base: string;
  readonly #onState: (state: RecorderState, error?: string) => void;
  #recordingId = "";
  #recorder: MediaRecorder | null = null;
  #audio: AudioContext | null = null;
  #mix: MediaStreamAudioDestinationNode | null = null;
  #remoteSource: MediaStreamAudioSourceNode | null = null;
  #localVideo: HTMLVideoElement | null = null;
  #remoteVideo: HTMLVideoElement | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #queue: Promise<void> = Promise.resolve();
  #next = 0;
  #startedAt = 0;
  #failed = false;

  constructor(
    bookingId: string,
    onState: (state: RecorderState, error?: string) => void,
  ) {
    this.#base = `/api/bookings/${encodeURIComponent(bookingId)}/recordings`;
    this.#onState = onState;
  }

  /** Starts recording `local` (the expert) and `remote` (the other person); false when it could not. */
  async start(
    local: MediaStream,
    remote: MediaStream | null,
  ): Promise<boolean> {
    const mimeType = recordingMimeType();
    if (!mimeType) {
      this.#onState("failed", "This browser cannot record video.");
      return false;
    }
    this.#onState("starting");
    const response = await fetch(this.#base, {
      method: "POST",
      headers: { accept: "application/json" },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      this.#onState("failed", body.message ?? "The recording did not start.");
      return false;
    }
    this.#recordingId = body.recording.id;

    const canvas = document.createElement("canvas");
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    const context = canvas.getContext("2d")!;
    this.#localVideo = playing(local);
    this.#remoteVideo = playing(remote);
    const draw = () => {
      context.fillStyle = "#0f172a";
      context.fillRect(0, 0, WIDTH, HEIGHT);
      const big = this.#remoteVideo!;
      if (big.readyState >= 2) context.drawImage(big, 0, 0, WIDTH, HEIGHT);
      const small = this.#localVideo!;
      if (small.readyState >= 2) {
        const w = WIDTH / 4;
        const h = HEIGHT / 4;
        context.drawImage(small, WIDTH - w - 16, HEIGHT - h - 16, w, h);
      }
    };
    draw();
    // A timer, not requestAnimationFrame: frames must keep coming when
    // the tab is in the background.
    this.#timer = setInterval(draw, FRAME_MS);

    this.#audio = new AudioContext();
    this.#mix = this.#audio.createMediaStreamDestination();
    if (local.getAudioTracks().length > 0) {
      this.#audio.createMediaStreamSource(local).connect(this.#mix);
    }
    this.setRemote(remote);

    const mixed = new MediaStream([
      ...canvas.captureStream(15).getVideoTracks(),
      ...this.#mix.stream.getAudioTracks(),
    ]);
    const recorder = new MediaRecorder(mixed, {
      mimeType,
      videoBitsPerSecond: 800_000,
      audioBitsPerSecond: 64_000,
    });
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data.size > 0) this.#enqueue(event.data);
    });
    this.#recorder = recorder;
    this.#startedAt = performance.now();
    recorder.start(TIMESLICE_MS);
    this.#onState("recording");
    return true;
  }

  /** The other person's stream changed (they reconnected). */
  setRemote(remote: MediaStream | null): void {
    if (this.#remoteVideo) this.#remoteVideo.srcObject = remote;
    this.#remoteVideo?.play().catch(() => {});
    this.#remoteSource?.disconnect();
    this.#remoteSource = null;
    if (this.#audio && this.#mix && remote?.getAudioTracks().length) {
      this.#remoteSource = this.#audio.createMediaStreamSource(remote);
      this.#remoteSource.connect(this.#mix);
    }
  }

  /** Stops, uploads what is left and finishes the recording. */
  async stop(): Promise<void> {
    const recorder = this.#recorder;
    if (!recorder) return;
    this.#recorder = null;
    this.#onState("saving");
    if (recorder.state !== "inactive") {
      const last = new Promise((resolve) =>
        recorder.addEventListener("stop", resolve, { once: true })
      );
      recorder.stop();
      await last;
    }
    this.#release();
    await this.#queue;
    if (this.#failed) return;
    const response = await fetch(
      `${this.#base}/${this.#recordingId}/finish`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          durationMs: Math.round(performance.now() - this.#startedAt),
        }),
      },
    ).catch(() => null);
    if (response?.ok) this.#onState("saved");
    else this.#onState("failed", "The recording could not be saved.");
  }

  /** The page is going away: stop recording; the server finishes it. */
  abandon(): void {
    if (this.#recorder?.state === "recording") this.#recorder.stop();
    this.#recorder = null;
    this.#release();
  }

  #release() {
    clearInterval(this.#timer);
    this.#audio?.close().catch(() => {});
    this.#audio = null;
    for (const video of [this.#localVideo, this.#remoteVideo]) {
      if (video) video.srcObject = null;
    }
  }

  #enqueue(blob: Blob) {
    this.#queue = this.#queue.then(async () => {
      if (this.#failed) return;
      for (let offset = 0; offset < blob.size; offset += CHUNK_BYTES) {
        const piece = blob.slice(offset, offset + CHUNK_BYTES);
        if (!await this.#upload(this.#next, piece)) {
          this.#failed = true;
          this.abandon();
          this.#onState(
            "failed",
            "The recording stopped: the connection to the server was lost.",
          );
          return;
        }
        this.#next++;
      }
    });
  }

  async #upload(n: number, piece: Blob): Promise<boolean> {
    for (let attempt = 0; attempt <= RETRIES.length; attempt++) {
      const response = await fetch(
        `${this.#base}/${this.#recordingId}/chunks/${n}`,
        {
          method: "POST",
          headers: { "content-type": "application/octet-stream" },
          body: piece,
        },
      ).catch(() => null);
      if (response?.ok) return true;
      // Refusals (the window closed, a conflict) will not get better.
      if (response && response.status < 500 && response.status !== 429) {
        return false;
      }
      if (attempt < RETRIES.length) {
        await new Promise((resolve) => setTimeout(resolve, RETRIES[attempt]));
      }
    }
    return false;
  }
}
