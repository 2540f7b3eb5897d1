/**
 * The pieces of a conversation's messages (used inside the MessagesThread
 * island, so they hydrate with it): text with its links, a message's file
 * (images as thumbnails, PDFs as download links) and the form to report a
 * message, which works as a plain form without JavaScript and through the
 * API with it.
 */
import type { RefObject } from "preact";
import { useState } from "preact/hooks";

/** "2.4 MB", "830 KB": a file's size as people read it. */
function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A message's file: an image as a thumbnail linking to it, a PDF as a link. */
export function MessageFile(
  { href, attachment }: {
    href: string;
    attachment: { name: string; contentType: string; size: number };
  },
) {
  const label = `${attachment.name} (${fileSize(attachment.size)})`;
  if (attachment.contentType.startsWith("image/")) {
    return (
      <a href={href} target="_blank" rel="noopener" class="block">
        <img
          src={href}
          alt={attachment.name}
          loading="lazy"
          class="mt-1 max-h-48 max-w-full rounded-lg bg-slate-100 object-contain"
        />
        <span class="sr-only">Open {label}</span>
      </a>
    );
  }
  return (
    <a href={href} download={attachment.name} class="underline">
      📎 {label}
    </a>
  );
}

/**
 * "Report" under another person's message: a reason, sent to the
 * moderators. Posts to the conversation page without JavaScript.
 */
export function ReportMessage(
  { conversationId, messageId, otherName }: {
    conversationId: string;
    messageId: string;
    otherName: string;
  },
) {
  const [reason, setReason] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "sent">("idle");
  const [error, setError] = useState("");
  if (state === "sent") {
    return (
      <span role="status" class="text-xs text-slate-700">
        Reported. A moderator will look at it.
      </span>
    );
  }
  const send = async (event: Event) => {
    event.preventDefault();
    setState("sending");
    setError("");
    try {
      const response = await fetch(
        `/api/conversations/${conversationId}/messages/${messageId}/report`,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
          },
          body: JSON.stringify({ reason }),
        },
      );
      if (response.ok) return setState("sent");
      const body = await response.json();
      setError(
        body.details?.reason?.[0] ?? body.message ??
          "The report was not sent.",
      );
    } catch {
      setError("The report was not sent: check your connection.");
    }
    setState("idle");
  };
  const id = `report-${messageId}`;
  return (
    <details class="text-xs text-slate-700">
      <summary class="cursor-pointer underline">Report</summary>
      <form
        method="post"
        action={`/messages/${conversationId}`}
        onSubmit={send}
        class="mt-2 flex w-64 max-w-full flex-col gap-2"
      >
        <input type="hidden" name="action" value="report" />
        <input type="hidden" name="messageId" value={messageId} />
        <label for={id} class="font-semibold text-slate-900">
          Why should a moderator look at this message from {otherName}?
        </label>
        <textarea
          id={id}
          name="reason"
          required
          maxLength={1000}
          rows={2}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          class="rounded-md border border-slate-400 p-2 text-sm text-slate-900"
        />
        {error && <span role="alert" class="text-red-800">{error}</span>}
        <button
          type="submit"
          disabled={state === "sending"}
          class="self-start rounded-md border border-slate-400 px-3 py-1.5 font-semibold text-slate-900"
        >
          Send report
        </button>
      </form>
    </details>
  );
}

/** What the file input accepts: the types the server reads from the bytes. */
const FILE_TYPES = "application/pdf,image/png,image/jpeg,image/webp";

/**
 * The box to write in, with a file to attach. A plain multipart form that
 * posts to the conversation page; the thread sends through the API instead
 * once it runs.
 */
export function MessageComposer(
  {
    conversationId,
    draft,
    sending,
    maxFileBytes,
    maxTextLength,
    fileInput,
    onSubmit,
    onText,
    onFile,
  }: {
    conversationId: string;
    draft: string;
    sending: boolean;
    maxFileBytes: number;
    /** The longest message, in characters. */
    maxTextLength: number;
    fileInput: RefObject<HTMLInputElement>;
    onSubmit: (event: Event) => void;
    onText: (text: string) => void;
    onFile: (file: File | undefined) => void;
  },
) {
  return (
    <form
      method="post"
      action={`/messages/${conversationId}`}
      encType="multipart/form-data"
      onSubmit={onSubmit}
      class="flex flex-col gap-2 sm:flex-row sm:items-end"
    >
      <input type="hidden" name="action" value="send" />
      <div class="flex-1">
        <label
          for="message-text"
          class="block text-sm font-semibold text-slate-900"
        >
          Your message
        </label>
        <textarea
          id="message-text"
          name="text"
          maxLength={maxTextLength}
          rows={3}
          value={draft}
          onInput={(e) => onText((e.target as HTMLTextAreaElement).value)}
          aria-describedby="message-text-left"
          class="mt-1.5 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2.5 text-sm"
        />
        {
          /* Near the limit, what is left is said: a longer paste would be
             cut without a word. */
        }
        <p
          id="message-text-left"
          aria-live="polite"
          class="mt-1 text-xs text-slate-700"
        >
          {draft.length >= maxTextLength - 400
            ? `${
              maxTextLength - draft.length
            } of ${maxTextLength} characters left`
            : ""}
        </p>
        <label
          for="message-file"
          class="mt-2 block text-sm font-semibold text-slate-900"
        >
          Attach a file <span class="font-normal">(optional)</span>
        </label>
        <input
          id="message-file"
          name="file"
          type="file"
          accept={FILE_TYPES}
          aria-describedby="message-file-hint"
          ref={fileInput}
          onChange={(e) => onFile((e.target as HTMLInputElement).files?.[0])}
          class="mt-1 block w-full text-sm text-slate-900 file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-1.5 file:font-semibold"
        />
        <p id="message-file-hint" class="mt-1 text-xs text-slate-600">
          PDF, PNG, JPEG or WebP, up to {Math.floor(maxFileBytes / 1024 / 1024)}
          {" "}
          MB.
        </p>
      </div>
      <button
        type="submit"
        disabled={sending}
        class="rounded-lg bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white disabled:opacity-60"
      >
        {sending ? "Sending…" : "Send"}
      </button>
    </form>
  );
}
