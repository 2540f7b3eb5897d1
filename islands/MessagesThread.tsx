/**
 * One conversation's messages and the box to write in. The server renders
 * it whole (history, and a plain form that posts to the page, so it works
 * without JavaScript); once running it sends through the API, shows new
 * messages, edits, typing and read receipts as they happen from the
 * signed-in user's event stream (GET /api/live, through the page's shared
 * connection in components/live/client.ts), and lets the author edit or
 * delete a message for 15 minutes. Text is only ever rendered as text, with
 * web addresses made into links. A file (PDF or image) can go with a
 * message: one too large is refused before anything is sent. Either party
 * can report the other's message (./MessagesThreadParts.tsx).
 */
import { formatDateTime } from "@/web/dates.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import { Linkified } from "@/components/Linkified.tsx";
import { type LiveHandler, useLiveEvents } from "@/components/live/client.ts";
import {
  MessageComposer,
  MessageFile,
  ReportMessage,
} from "./MessagesThreadParts.tsx";

export interface ThreadMessage {
  id: string;
  senderId: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hidden: boolean;
  attachment: { name: string; contentType: string; size: number } | null;
}

export interface MessagesThreadProps {
  conversationId: string;
  userId: string;
  otherName: string;
  /** Oldest first. */
  messages: ThreadMessage[];
  /** The page with older messages, when there are some. */
  olderHref: string | null;
  otherReadUpTo: string | null;
  canWrite: boolean;
  writeBlockedReason: string | null;
  /** The user's latest event id when the page was made: the stream resumes after it. */
  liveSeq: number;
  /** The viewer's time zone, so server and browser show the same times. */
  timeZone: string;
  /** The largest file that may be attached, in bytes. */
  maxFileBytes: number;
  /** The longest message, in characters. */
  maxTextLength: number;
  /** A message the form post brought back (a refusal), and the text to keep. */
  error?: string;
  draft?: string;
  /** What the last form post did, when it went through (a report sent). */
  notice?: string;
}

const EDIT_WINDOW_MS = 15 * 60 * 1000;
const TYPING_EVERY_MS = 3_000;
const TYPING_SHOWN_MS = 5_000;

interface ApiAnswer {
  ok: boolean;
  status: number;
  data: Record<string, unknown>;
}

/**
 * What to tell the writer when the API refused: signed out (the session
 * ended, or the account was suspended meanwhile) in plain words, with the
 * text kept; otherwise the field's message, the API's, or `fallback`.
 */
function refusal(
  answer: ApiAnswer,
  fallback: string,
  fieldMessage?: string,
): string {
  if (answer.status === 401) {
    return "You are no longer signed in (your session ended, or an admin suspended the account), so that did not go through. What you wrote is kept here: sign in again in another tab to send it.";
  }
  return fieldMessage ?? String(answer.data.message ?? fallback);
}

async function callApi(
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const response = await fetch(path, {
    method,
    headers: body === undefined
      ? { accept: "application/json" }
      : { "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? {} : await response.json();
  return { ok: response.ok, status: response.status, data };
}

export default function MessagesThread(props: MessagesThreadProps) {
  const { conversationId, userId } = props;
  const base = `/api/conversations/${conversationId}`;
  const [messages, setMessages] = useState(props.messages);
  const [readUpTo, setReadUpTo] = useState(props.otherReadUpTo);
  const [typingUntil, setTypingUntil] = useState(0);
  const [draft, setDraft] = useState(props.draft ?? "");
  const [error, setError] = useState(props.error ?? "");
  const [sending, setSending] = useState(false);
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(
    null,
  );
  const [now, setNow] = useState(() => Date.now());
  // Edit and delete need JavaScript: offered once it runs.
  const [ready, setReady] = useState(false);
  const lastTyping = useRef(0);
  const bottom = useRef<HTMLLIElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const upsert = (message: ThreadMessage) =>
    setMessages((list) => {
      const at = list.findIndex((m) => m.id === message.id);
      if (at >= 0) return list.map((m, i) => i === at ? message : m);
      return [...list, message].sort((a, b) => a.id < b.id ? -1 : 1);
    });

  const onMessage: LiveHandler = (data) => {
    if (data.message?.conversationId !== conversationId) return;
    upsert(data.message);
    if (data.message.senderId !== userId) {
      setTypingUntil(0);
      if (document.visibilityState === "visible") {
        callApi("POST", `${base}/read`).catch(() => {});
      }
    }
  };
  // The page's shared stream (components/live/client.ts), not one of its own.
  const live = useLiveEvents(props.liveSeq, {
    "message.created": onMessage,
    "message.updated": onMessage,
    "message.deleted": onMessage,
    "conversation.read": (data) => {
      if (data.conversationId === conversationId) setReadUpTo(data.upTo);
    },
    typing: (data) => {
      if (data.conversationId === conversationId && data.userId !== userId) {
        setTypingUntil(Date.now() + TYPING_SHOWN_MS);
      }
    },
    resync: async () => {
      const page = await callApi("GET", `${base}/messages?limit=50`);
      if (page.ok) {
        setMessages((page.data.messages as ThreadMessage[]).slice().reverse());
      }
    },
  });

  useEffect(() => {
    setReady(true);
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "nearest" });
  }, [messages.length]);

  /** Refuses a file over the limit as soon as it is chosen. */
  const fileTooLarge = (file: File | undefined) => {
    if (!file || file.size <= props.maxFileBytes) return false;
    setError(
      `${file.name} is larger than ${
        Math.floor(props.maxFileBytes / 1024 / 1024)
      } MB, the most one file may be. Choose a smaller file.`,
    );
    if (fileInput.current) fileInput.current.value = "";
    return true;
  };

  const send = async (event: Event) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    const formElement = event.currentTarget as HTMLFormElement;
    // Text typed before this script started is in the form, not the draft.
    const text = draft.trim() !== "" ? draft : String(
      new FormData(formElement).get("text") ?? "",
    );
    if (sending) return;
    if (text.trim() === "" && !file) {
      setError("Write a message or attach a file first.");
      return;
    }
    if (fileTooLarge(file)) return;
    setSending(true);
    setError("");
    try {
      let answer: Awaited<ReturnType<typeof callApi>>;
      if (file) {
        const form = new FormData();
        form.append("file", file);
        form.append("text", text);
        const response = await fetch(`${base}/messages`, {
          method: "POST",
          headers: { accept: "application/json" },
          body: form,
        });
        answer = {
          ok: response.ok,
          status: response.status,
          data: await response.json(),
        };
      } else {
        answer = await callApi("POST", `${base}/messages`, { text });
      }
      if (answer.ok) {
        upsert(answer.data.message as ThreadMessage);
        setDraft("");
        // Also clears text the draft never knew about (typed before start).
        formElement.reset();
      } else {
        const details = answer.data.details as
          | Record<string, string[]>
          | undefined;
        setError(
          refusal(
            answer,
            "The message was not sent.",
            details?.file?.[0] ?? details?.text?.[0],
          ),
        );
      }
    } catch {
      setError(
        "The message was not sent: check your connection and try again.",
      );
    } finally {
      setSending(false);
    }
  };

  const typed = (text: string) => {
    setDraft(text);
    if (Date.now() - lastTyping.current > TYPING_EVERY_MS && text !== "") {
      lastTyping.current = Date.now();
      callApi("POST", `${base}/typing`).catch(() => {});
    }
  };

  const saveEdit = async () => {
    if (!editing) return;
    const answer = await callApi(
      "PATCH",
      `${base}/messages/${editing.id}`,
      { text: editing.text },
    );
    if (answer.ok) {
      upsert(answer.data.message as ThreadMessage);
      setEditing(null);
    } else setError(refusal(answer, "The change was not saved."));
  };

  const remove = async (id: string) => {
    const answer = await callApi("DELETE", `${base}/messages/${id}`);
    if (answer.ok) upsert(answer.data.message as ThreadMessage);
    else setError(refusal(answer, "The message was not deleted."));
  };

  const lastMine = [...messages].reverse().find((m) => m.senderId === userId);
  const seen = lastMine && readUpTo !== null && readUpTo >= lastMine.id;

  return (
    <div class="flex flex-col gap-4">
      {props.olderHref && (
        <a
          href={props.olderHref}
          class="self-center text-sm text-brand-800 underline"
        >
          Older messages
        </a>
      )}
      <ol
        aria-label={`Messages with ${props.otherName}`}
        aria-live="polite"
        class="flex flex-col gap-3"
      >
        {messages.length === 0 && (
          <li class="text-sm text-slate-700">No messages yet. Say hello!</li>
        )}
        {messages.map((message) => {
          const own = message.senderId === userId;
          const changeable = ready && own && !message.deletedAt &&
            !message.hidden &&
            now - Date.parse(message.createdAt) < EDIT_WINDOW_MS;
          return (
            <li
              key={message.id}
              id={`m-${message.id}`}
              class={`flex flex-col ${own ? "items-end" : "items-start"}`}
            >
              <div
                class={`max-w-[85%] rounded-2xl px-4 py-2.5 text-sm shadow-sm wrap-anywhere whitespace-pre-wrap ${
                  own
                    ? "bg-brand-700 text-white [&_a]:text-white"
                    : "border border-slate-200 bg-white text-slate-900"
                }`}
              >
                <span class="sr-only">{own ? "You" : props.otherName}:</span>
                {message.deletedAt
                  ? <em>Message deleted</em>
                  : message.hidden
                  ? <em>Hidden by a moderator</em>
                  : editing?.id === message.id
                  ? (
                    <span class="flex flex-col gap-2">
                      <label class="sr-only" for={`edit-${message.id}`}>
                        Edit your message
                      </label>
                      <textarea
                        id={`edit-${message.id}`}
                        class="min-h-20 w-64 max-w-full rounded-md p-2 text-slate-900"
                        value={editing.text}
                        maxLength={props.maxTextLength}
                        onInput={(e) =>
                          setEditing({
                            id: message.id,
                            text: (e.target as HTMLTextAreaElement).value,
                          })}
                      />
                      <span class="flex gap-2">
                        <button
                          type="button"
                          class="underline"
                          onClick={saveEdit}
                        >
                          Save
                        </button>
                        <button
                          type="button"
                          class="underline"
                          onClick={() => setEditing(null)}
                        >
                          Cancel
                        </button>
                      </span>
                    </span>
                  )
                  : (
                    <>
                      {message.text && (
                        <Linkified text={message.text} userContent />
                      )}
                      {message.attachment && (
                        <MessageFile
                          href={`${base}/messages/${message.id}/file`}
                          attachment={message.attachment}
                        />
                      )}
                    </>
                  )}
              </div>
              <p class="mt-1 flex gap-2 text-xs text-slate-600">
                <time dateTime={message.createdAt}>
                  {formatDateTime(message.createdAt, props.timeZone)}
                </time>
                {message.editedAt && !message.deletedAt && <span>edited</span>}
                {changeable && editing?.id !== message.id && (
                  <>
                    <button
                      type="button"
                      class="underline"
                      onClick={() =>
                        setEditing({ id: message.id, text: message.text })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="underline"
                      onClick={() => remove(message.id)}
                    >
                      Delete
                    </button>
                  </>
                )}
                {message === lastMine && seen && <span>Seen</span>}
              </p>
              {!own && !message.deletedAt && !message.hidden && (
                <ReportMessage
                  conversationId={conversationId}
                  messageId={message.id}
                  otherName={props.otherName}
                />
              )}
            </li>
          );
        })}
        <li ref={bottom} id="latest" class="h-0" aria-hidden="true" />
      </ol>
      <p role="status" class="min-h-5 text-sm text-slate-700">
        {typingUntil > now ? `${props.otherName} is typing…` : ""}
      </p>
      {error && (
        <p role="alert" class="rounded-md bg-red-50 p-3 text-sm text-red-900">
          {error}
        </p>
      )}
      {props.notice && !error && (
        <p
          role="status"
          class="rounded-md bg-green-50 p-3 text-sm text-green-900"
        >
          {props.notice}
        </p>
      )}
      {props.canWrite
        ? (
          <MessageComposer
            conversationId={conversationId}
            draft={draft}
            sending={sending}
            maxFileBytes={props.maxFileBytes}
            maxTextLength={props.maxTextLength}
            fileInput={fileInput}
            onSubmit={send}
            onText={typed}
            onFile={(file) => {
              setError("");
              fileTooLarge(file);
            }}
          />
        )
        : (
          <p class="rounded-md bg-slate-100 p-3 text-sm text-slate-800">
            {props.writeBlockedReason}
          </p>
        )}
      <p class="text-xs text-slate-600">
        {live ? "Live: new messages appear as they arrive." : ""}
      </p>
    </div>
  );
}
