/**
 * The in-call chat panel: the booking's conversation (the same one as on
 * /messages, so what is said here is there before and after the call),
 * newest at the bottom, with a box to write in. The call island feeds it
 * live messages from its event stream and sends through the messaging API.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { Linkified } from "@/components/Linkified.tsx";

export interface ChatMessage {
  id: string;
  senderId: string;
  text: string;
  createdAt: string;
  deletedAt: string | null;
  hidden: boolean;
}

export interface CallChatProps {
  userId: string;
  otherName: string;
  messages: ChatMessage[];
  canWrite: boolean;
  writeBlockedReason: string | null;
  timeZone: string;
  /** Sends `text`; resolves to an error to show, or null when sent. */
  send(text: string): Promise<string | null>;
}

function timeOf(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleTimeString("en-US", {
    timeStyle: "short",
    timeZone,
  });
}

export function CallChat(props: CallChatProps) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState("");
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [props.messages.length]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending || draft.trim() === "") return;
    setSending(true);
    const problem = await props.send(draft);
    setSending(false);
    setError(problem ?? "");
    if (problem === null) setDraft("");
  };

  return (
    <div class="flex h-full flex-col gap-3">
      <ol
        ref={list}
        aria-label={`Chat with ${props.otherName}`}
        aria-live="polite"
        class="flex max-h-96 min-h-40 flex-col gap-2 overflow-y-auto rounded-lg bg-slate-50 p-3 lg:max-h-[28rem]"
      >
        {props.messages.length === 0 && (
          <li class="text-sm text-slate-700">
            No messages yet. Links and notes you send here stay in your
            conversation after the call.
          </li>
        )}
        {props.messages.map((message) => {
          const own = message.senderId === props.userId;
          return (
            <li
              key={message.id}
              class={`flex flex-col ${own ? "items-end" : "items-start"}`}
            >
              <p
                class={`max-w-[90%] rounded-2xl px-3 py-2 text-sm wrap-anywhere whitespace-pre-wrap ${
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
                  : <Linkified text={message.text} userContent />}
              </p>
              <time
                dateTime={message.createdAt}
                class="mt-0.5 text-xs text-slate-600"
              >
                {timeOf(message.createdAt, props.timeZone)}
              </time>
            </li>
          );
        })}
      </ol>
      {error && (
        <p role="alert" class="rounded-md bg-red-50 p-2 text-sm text-red-900">
          {error}
        </p>
      )}
      {props.canWrite
        ? (
          <form onSubmit={submit} class="flex items-end gap-2">
            <div class="min-w-0 flex-1">
              <label
                for="call-chat-text"
                class="block text-sm font-semibold text-slate-900"
              >
                Message {props.otherName}
              </label>
              <textarea
                id="call-chat-text"
                required
                maxLength={4000}
                rows={2}
                value={draft}
                onInput={(e) =>
                  setDraft((e.target as HTMLTextAreaElement).value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && !e.shiftKey) submit(e);
                }}
                class="mt-1 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-sm"
              />
            </div>
            <button
              type="submit"
              disabled={sending}
              class="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
            >
              {sending ? "Sending…" : "Send"}
            </button>
          </form>
        )
        : (
          <p class="rounded-md bg-slate-100 p-3 text-sm text-slate-800">
            {props.writeBlockedReason}
          </p>
        )}
    </div>
  );
}
