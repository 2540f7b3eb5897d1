/**
 * The browser side of a peer-to-peer call: one RTCPeerConnection to the
 * other party, set up with "perfect negotiation" (the W3C pattern): both
 * sides may make offers at any time; when two offers cross, the polite side
 * (the expert) rolls its own back and answers, the impolite side (the
 * learner) ignores the other's. So either party may join first, and either
 * may reload and come back.
 *
 * Signals travel through the server (POST …/call/signal → the other party's
 * event stream). Each page makes up a `session` id on load; a `hello` from
 * a session we do not know means the other party (re)joined, so we start
 * a fresh connection and offer; until we know their session we send
 * nothing, so a page that joins first does not offer into the void. A
 * failed connection restarts ICE; a `hangup` resets to waiting.
 *
 * Browser-only (used by islands/CallRoom.tsx); no Preact here.
 */

export type SignalType = "hello" | "offer" | "answer" | "candidate" | "hangup";

/** A signal as the other party's page sent it (the `call.signal` event). */
export interface IncomingSignal {
  session: string;
  type: SignalType;
  payload: unknown;
}

export type PeerState =
  | "waiting"
  | "connecting"
  | "connected"
  | "reconnecting"
  | "left";

export interface PeerCallOptions {
  iceServers: RTCIceServer[];
  /** The expert's side: yields when offers cross. */
  polite: boolean;
  /** This page's camera and microphone. */
  local: MediaStream;
  send(type: SignalType, payload?: unknown): Promise<void>;
  onRemoteStream(stream: MediaStream | null): void;
  onState(state: PeerState): void;
}

/** How long a "disconnected" connection may stay so before ICE restarts. */
const DISCONNECTED_GRACE_MS = 4_000;

/** A random id for this page's part in the call. */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class PeerCall {
  pc: RTCPeerConnection;
  private peerSession: string | null = null;
  private makingOffer = false;
  private ignoreOffer = false;
  private answerPending = false;
  private remote: MediaStream | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** Signals go out one after another: separate requests could overtake each other. */
  private outbox: Promise<void> = Promise.resolve();
  private inbox: Promise<void> = Promise.resolve();

  constructor(private readonly options: PeerCallOptions) {
    this.pc = this.connect();
  }

  /** Tells the other party we are here (they offer if they are). */
  start(): Promise<void> {
    this.options.onState("waiting");
    return this.post("hello");
  }

  /** The sender carrying video, if any (for screen sharing). */
  videoSender(): RTCRtpSender | undefined {
    return this.pc.getSenders().find((s) => s.track?.kind === "video") ??
      this.pc.getTransceivers().find((t) =>
        t.receiver.track.kind === "video" && t.direction !== "inactive"
      )?.sender;
  }

  /** Sends `track` instead of the camera (null: the camera again). */
  async replaceVideo(track: MediaStreamTrack): Promise<void> {
    const sender = this.videoSender();
    if (sender) await sender.replaceTrack(track);
    else this.pc.addTrack(track, this.options.local);
  }

  /** Takes a signal from the other party, in the order they arrive. */
  receive(signal: IncomingSignal): Promise<void> {
    this.inbox = this.inbox.then(() => this.handle(signal)).catch((error) => {
      console.warn(`The ${signal.type} from the other party failed`, error);
    });
    return this.inbox;
  }

  private async handle(signal: IncomingSignal): Promise<void> {
    if (this.closed) return;
    if (signal.session !== this.peerSession) {
      // Something from a page of theirs we do not know: only a hello or an
      // offer starts a call; the rest belongs to a page that is gone.
      if (signal.type !== "hello" && signal.type !== "offer") return;
      if (this.peerSession !== null || signal.type === "hello") this.reset();
      this.peerSession = signal.session;
      // After a hello, our fresh connection offers on its own
      // (negotiationneeded: it has our tracks).
      this.options.onState("connecting");
    }
    switch (signal.type) {
      case "hello":
        return;
      case "hangup":
        this.reset();
        this.peerSession = null;
        this.options.onState("left");
        return;
      case "offer":
      case "answer":
        return await this.description(
          signal.payload as RTCSessionDescriptionInit,
        );
      case "candidate":
        try {
          await this.pc.addIceCandidate(
            (signal.payload ?? undefined) as RTCIceCandidateInit | undefined,
          );
        } catch (error) {
          // Candidates of an offer we ignored fail; others should not.
          if (!this.ignoreOffer) console.warn("ICE candidate failed", error);
        }
    }
  }

  /** Leaves the call: tells the other party and closes the connection. */
  async hangUp(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.graceTimer);
    this.pc.close();
    this.setRemote(null);
    await this.post("hangup");
  }

  private async description(description: RTCSessionDescriptionInit) {
    const pc = this.pc;
    // An answer may be on its way to being applied: then we are stable soon.
    const readyForOffer = !this.makingOffer &&
      (pc.signalingState === "stable" || this.answerPending);
    const collision = description.type === "offer" && !readyForOffer;
    this.ignoreOffer = !this.options.polite && collision;
    if (this.ignoreOffer) return;
    this.answerPending = description.type === "answer";
    try {
      await pc.setRemoteDescription(description);
    } finally {
      this.answerPending = false;
    }
    if (description.type === "offer") {
      await pc.setLocalDescription();
      this.signal("answer", pc.localDescription!.toJSON());
    }
  }

  private signal(type: SignalType, payload?: unknown): Promise<void> {
    if (this.peerSession === null || this.closed) return Promise.resolve();
    return this.post(type, payload);
  }

  /** Queues a signal behind those sent before it. */
  private post(type: SignalType, payload?: unknown): Promise<void> {
    this.outbox = this.outbox.then(() =>
      this.options.send(type, payload).catch((error) => {
        console.warn(`Sending the ${type} failed`, error);
      })
    );
    return this.outbox;
  }

  private async offer(): Promise<void> {
    if (this.peerSession === null) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      await this.signal("offer", this.pc.localDescription!.toJSON());
    } catch (error) {
      console.warn("Making an offer failed", error);
    } finally {
      this.makingOffer = false;
    }
  }

  /** A new connection with our tracks (the old one, if any, is closed). */
  private reset(): void {
    clearTimeout(this.graceTimer);
    this.pc.close();
    this.setRemote(null);
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.answerPending = false;
    this.pc = this.connect();
  }

  private setRemote(stream: MediaStream | null): void {
    this.remote = stream;
    this.options.onRemoteStream(stream);
  }

  private connect(): RTCPeerConnection {
    const { local } = this.options;
    const pc = new RTCPeerConnection({
      iceServers: this.options.iceServers,
    });
    for (const track of local.getTracks()) pc.addTrack(track, local);
    pc.onnegotiationneeded = () => {
      if (pc === this.pc) this.offer();
    };
    pc.onicecandidate = ({ candidate }) => {
      if (pc === this.pc) this.signal("candidate", candidate?.toJSON() ?? null);
    };
    pc.ontrack = ({ track, streams }) => {
      if (pc !== this.pc) return;
      const stream = streams[0] ?? this.remote ?? new MediaStream();
      if (!stream.getTracks().includes(track)) stream.addTrack(track);
      this.setRemote(stream);
    };
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc || this.closed) return;
      clearTimeout(this.graceTimer);
      switch (pc.connectionState) {
        case "connected":
          this.options.onState("connected");
          break;
        case "disconnected":
          this.options.onState("reconnecting");
          this.graceTimer = setTimeout(() => {
            if (pc === this.pc && pc.connectionState === "disconnected") {
              pc.restartIce();
            }
          }, DISCONNECTED_GRACE_MS);
          break;
        case "failed":
          this.options.onState("reconnecting");
          pc.restartIce();
      }
    };
    return pc;
  }
}
