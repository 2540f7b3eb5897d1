/**
 * The call itself, beside the pre-join screen (islands/CallPrejoin.tsx):
 * when that announces a join (components/call/join_handoff.ts) with the
 * server's access and the chosen camera and microphone, this connects the
 * two browsers, directly (components/call/peer.ts, signalling through
 * POST …/call/signal and the `call.signal` events of GET /api/live, on the
 * page's shared stream) or through LiveKit (components/call/livekit.ts,
 * loaded only then). It shows both videos, the controls (microphone,
 * camera, screen share, hang up) and a connection-quality indicator, and
 * the in-call chat: the booking's conversation, live from the same event
 * stream. Hanging up dispatches `taptime:call-ended` (the pre-join screen
 * then stops its heartbeats and offers to rejoin). When the session may be
 * recorded, the recording bar (components/call/CallRecording.tsx) says so
 * to both, and the expert's browser records a peer-to-peer call; hanging
 * up saves the recording.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { CallChat, type ChatMessage } from "@/components/call/CallChat.tsx";
import { takeCallJoins } from "@/components/call/join_handoff.ts";
import {
  CallRecording,
  type RecordingControl,
} from "@/components/call/CallRecording.tsx";
import { CallStage, type StageControls } from "@/components/call/CallStage.tsx";
import { type LiveHandler, useLiveEvents } from "@/components/live/client.ts";
import type { LiveKitCall } from "@/components/call/livekit.ts";
import {
  newSessionId,
  PeerCall,
  type PeerState,
  type SignalType,
} from "@/components/call/peer.ts";
import {
  type Quality,
  type QualitySample,
  rateQuality,
  sampleQuality,
} from "@/components/call/quality.ts";

export interface CallRoomProps {
  bookingId: string;
  userId: string;
  party: "learner" | "expert";
  otherName: string;
  /** The user's latest event id when the page was made: the stream resumes after it. */
  liveSeq: number;
  timeZone: string;
  /** The booking's conversation; null when there is none to show. */
  chat: {
    conversationId: string;
    messages: ChatMessage[];
    canWrite: boolean;
    writeBlockedReason: string | null;
  } | null;
}

type CallAccess =
  | { mode: "p2p"; iceServers: RTCIceServer[]; heartbeatSeconds: number }
  | { mode: "livekit"; url: string; token: string; expiresAt: string };

interface JoinDetail {
  bookingId: string;
  access: CallAccess;
  stream: MediaStream;
}

/** The connection, whichever kind. */
interface Connection {
  setMuted(kind: "audio" | "video", muted: boolean): Promise<void>;
  replaceVideo(track: MediaStreamTrack): Promise<void>;
  hangUp(): Promise<void>;
}

const QUALITY_EVERY_MS = 2_000;

async function postJson(path: string, body?: unknown, keepalive = false) {
  return await fetch(path, {
    method: "POST",
    keepalive,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export default function CallRoom(props: CallRoomProps) {
  const { bookingId, chat } = props;
  const base = `/api/bookings/${bookingId}/call`;
  const [joined, setJoined] = useState<JoinDetail | null>(null);
  const [state, setState] = useState<PeerState | "ended">("waiting");
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [muted, setMuted] = useState({ audio: false, video: false });
  const [sharing, setSharing] = useState(false);
  /** What the small "you" video shows: the camera, or the shared screen. */
  const [localView, setLocalView] = useState<MediaStream | null>(null);
  const [quality, setQuality] = useState<Quality>("unknown");
  const [sample, setSample] = useState<QualitySample | null>(null);
  const [messages, setMessages] = useState(chat?.messages ?? []);
  const [chatOpen, setChatOpen] = useState(false);
  const [unseen, setUnseen] = useState(0);
  const peer = useRef<PeerCall | null>(null);
  const connection = useRef<Connection | null>(null);
  const screen = useRef<MediaStreamTrack | null>(null);
  const session = useRef(newSessionId());
  const recording = useRef<RecordingControl | null>(null);
  const chatOpenRef = useRef(chatOpen);
  chatOpenRef.current = chatOpen;

  const upsert = (message: ChatMessage) =>
    setMessages((list) => {
      const at = list.findIndex((m) => m.id === message.id);
      if (at >= 0) return list.map((m, i) => i === at ? message : m);
      return [...list, message].sort((a, b) => a.id < b.id ? -1 : 1);
    });

  // The page's shared event stream (components/live/client.ts): the call's
  // signals and the chat arrive on the one the header's bell uses.
  const onMessage: LiveHandler = ({ message }) => {
    if (!chat || message?.conversationId !== chat.conversationId) return;
    upsert(message);
    if (message.senderId !== props.userId && !chatOpenRef.current) {
      setUnseen((n) => n + 1);
    }
  };
  useLiveEvents(props.liveSeq, {
    "call.signal": (signal) => {
      if (signal.bookingId === bookingId) peer.current?.receive(signal);
    },
    "message.created": onMessage,
    "message.updated": onMessage,
    "message.deleted": onMessage,
  });

  // Joining: the pre-join screen hands over access and devices.
  useEffect(() => {
    const onLeave = () => {
      recording.current?.abandon();
      peer.current?.hangUp();
      connection.current?.hangUp();
    };
    // A join made before this island started is taken too.
    const stopTaking = takeCallJoins<JoinDetail>(bookingId, connect);
    globalThis.addEventListener("pagehide", onLeave);
    return () => {
      stopTaking();
      globalThis.removeEventListener("pagehide", onLeave);
    };
  }, []);

  // The quality indicator (peer-to-peer; LiveKit reports its own).
  useEffect(() => {
    if (!joined || joined.access.mode !== "p2p") return;
    const counters = { last: null };
    const timer = setInterval(async () => {
      const call = peer.current;
      if (!call || call.pc.connectionState !== "connected") return;
      const next = await sampleQuality(call.pc, counters).catch(() => null);
      if (!next) return;
      setSample(next);
      setQuality(rateQuality(next));
    }, QUALITY_EVERY_MS);
    return () => clearInterval(timer);
  }, [joined]);

  async function connect(detail: JoinDetail) {
    setJoined(detail);
    setLocalView(detail.stream);
    setState("waiting");
    setMuted({ audio: false, video: false });
    const { access, stream } = detail;
    if (access.mode === "p2p") {
      const send = async (type: SignalType, payload?: unknown) => {
        const response = await postJson(
          `${base}/signal`,
          { type, session: session.current, payload },
          type === "hangup",
        );
        if (!response.ok && response.status !== 429) {
          throw new Error(`signal ${type}: ${response.status}`);
        }
      };
      const call = new PeerCall({
        iceServers: access.iceServers,
        polite: props.party === "expert",
        local: stream,
        send,
        onRemoteStream: setRemote,
        onState: setState,
      });
      peer.current = call;
      connection.current = {
        setMuted: (kind, off) => {
          for (const track of stream.getTracks()) {
            if (track.kind === kind) track.enabled = !off;
          }
          return Promise.resolve();
        },
        replaceVideo: (track) => call.replaceVideo(track),
        hangUp: () => call.hangUp(),
      };
      await call.start();
      return;
    }
    const { joinLiveKit } = await import("@/components/call/livekit.ts");
    const room: LiveKitCall = await joinLiveKit({
      access,
      local: stream,
      renew: async () => {
        const response = await postJson(base);
        if (response.status === 403) return "refused";
        if (!response.ok) throw new Error(`renewal: ${response.status}`);
        return await response.json();
      },
      onRemoteStream: setRemote,
      onState: setState,
      onQuality: setQuality,
    });
    connection.current = room;
  }

  async function hangUp() {
    // Save the recording while both streams are still there.
    await recording.current?.stop();
    const current = connection.current;
    connection.current = null;
    peer.current = null;
    screen.current?.stop();
    screen.current = null;
    setSharing(false);
    await current?.hangUp();
    setRemote(null);
    setJoined(null);
    setState("ended");
    globalThis.dispatchEvent(new CustomEvent("taptime:call-ended"));
  }

  async function toggle(kind: "audio" | "video") {
    const next = !muted[kind];
    await connection.current?.setMuted(kind, next);
    setMuted({ ...muted, [kind]: next });
  }

  async function toggleScreen() {
    const call = connection.current;
    if (!call || !joined) return;
    const camera = joined.stream.getVideoTracks()[0];
    if (screen.current) {
      screen.current.stop();
      screen.current = null;
      setSharing(false);
      setLocalView(joined.stream);
      if (camera) await call.replaceVideo(camera);
      return;
    }
    let display: MediaStream;
    try {
      display = await navigator.mediaDevices.getDisplayMedia({ video: true });
    } catch {
      return; // The person chose not to share.
    }
    const track = display.getVideoTracks()[0];
    screen.current = track;
    setSharing(true);
    setLocalView(display);
    await call.replaceVideo(track);
    // Sharing stopped from the browser's own bar.
    track.addEventListener("ended", () => {
      if (screen.current === track) toggleScreen();
    });
  }

  const sendChat = async (text: string): Promise<string | null> => {
    if (!chat) return "There is no conversation to write in.";
    try {
      const response = await postJson(
        `/api/conversations/${chat.conversationId}/messages`,
        { text },
      );
      const body = await response.json();
      if (!response.ok) return body.message ?? "The message was not sent.";
      upsert(body.message);
      return null;
    } catch {
      return "The message was not sent: check your connection and try again.";
    }
  };

  const controls: StageControls = {
    muted,
    sharing,
    canShare: typeof navigator !== "undefined" &&
      typeof navigator.mediaDevices?.getDisplayMedia === "function",
    toggle,
    toggleScreen,
    hangUp,
  };

  return (
    <div
      class={joined ? "grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]" : ""}
      data-call-state={joined ? state : "not_joined"}
      data-call-quality={quality}
    >
      {joined && (
        <CallRecording
          bookingId={bookingId}
          party={props.party}
          mode={joined.access.mode}
          local={joined.stream}
          remote={remote}
          connected={state === "connected"}
          control={recording}
        />
      )}
      {joined && (
        <CallStage
          local={localView ?? joined.stream}
          remote={remote}
          state={state}
          otherName={props.otherName}
          quality={quality}
          sample={sample}
          controls={controls}
        />
      )}
      {state === "ended" && !joined && (
        <p role="status" class="text-sm text-slate-800">
          You left the call. You can join again from this page until it closes.
        </p>
      )}
      {chat && (
        <section aria-labelledby="call-chat-heading" class="min-w-0">
          <div class="flex items-center justify-between gap-2">
            <h3
              id="call-chat-heading"
              class="text-base font-semibold text-slate-900"
            >
              Chat
            </h3>
            <button
              type="button"
              class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium lg:hidden"
              aria-expanded={chatOpen}
              aria-controls="call-chat-panel"
              onClick={() => {
                setChatOpen(!chatOpen);
                setUnseen(0);
              }}
            >
              {chatOpen
                ? "Hide chat"
                : unseen > 0
                ? `Show chat (${unseen} new)`
                : "Show chat"}
            </button>
          </div>
          <div
            id="call-chat-panel"
            class={`mt-2 ${chatOpen ? "block" : "hidden lg:block"}`}
          >
            <CallChat
              userId={props.userId}
              otherName={props.otherName}
              messages={messages}
              canWrite={chat.canWrite}
              writeBlockedReason={chat.writeBlockedReason}
              timeZone={props.timeZone}
              send={sendChat}
            />
          </div>
        </section>
      )}
    </div>
  );
}
