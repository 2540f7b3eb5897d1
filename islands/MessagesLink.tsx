/**
 * The "Messages" link of a signed-in person's area navigation with their
 * unread messages count, named for screen readers ("Messages, 3 unread").
 * The server renders the count it knows (none: the link alone until the
 * count is read); once running, the island follows the page's shared event
 * stream (components/live/client.ts) and reads the total again whenever a
 * message arrives, changes or is read, or events were missed.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { useLiveEvents } from "@/components/live/client.ts";

export interface MessagesLinkProps {
  href: string;
  label: string;
  /** The unread total the page was made with; null when not read. */
  unread: number | null;
  /** The user's latest event id when the page was made. */
  liveSeq: number;
  current: boolean;
  class: string;
}

/** Events after which the unread total may differ. */
const CHANGES = [
  "message.created",
  "message.deleted",
  "message.updated",
  "conversation.read",
  "conversation.updated",
  "resync",
];

/** Events of one burst (a message and its read receipt) cause one read. */
const SETTLE_MS = 400;

export default function MessagesLink(props: MessagesLinkProps) {
  const [unread, setUnread] = useState(props.unread);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const refresh = async () => {
    const answer = await fetch("/api/conversations?limit=1", {
      headers: { accept: "application/json" },
    }).catch(() => null);
    if (answer?.ok) setUnread((await answer.json()).unreadTotal);
  };
  const refreshSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(refresh, SETTLE_MS);
  };

  const live = useLiveEvents(
    props.liveSeq,
    Object.fromEntries(CHANGES.map((type) => [type, refreshSoon])),
  );
  useEffect(() => {
    if (props.unread === null) refresh();
    return () => clearTimeout(timer.current);
  }, []);

  // The badge sits beside the link, not in it: the link's name then reads
  // "Messages, 3 unread" and still starts with its visible text.
  return (
    <span class="relative block">
      <a
        href={props.href}
        aria-current={props.current ? "page" : undefined}
        aria-label={unread ? `${props.label}, ${unread} unread` : undefined}
        data-unread={unread ?? undefined}
        data-live={live ? "on" : "off"}
        class={`block ${props.class} ${unread ? "pr-10" : ""}`}
      >
        {props.label}
      </a>
      {unread
        ? (
          <span
            aria-hidden="true"
            class="pointer-events-none absolute top-1/2 right-2 min-w-5 -translate-y-1/2 rounded-full bg-brand-800 px-1.5 text-center text-xs leading-5 font-bold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )
        : null}
    </span>
  );
}
