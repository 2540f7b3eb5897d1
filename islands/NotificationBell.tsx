/**
 * The bell in the site header: a link to /notifications named with the
 * unread count ("Notifications, 3 unread"). The server renders the count
 * the page was made with; once running, it follows the signed-in user's
 * event stream (the page's shared connection, components/live/client.ts,
 * resumed after the event the page saw) and updates the number on
 * `notification` and `notification.read` events, and says a new
 * notification's title to screen readers. `data-live` tells whether the
 * stream is open.
 */
import { useState } from "preact/hooks";
import { type LiveHandler, useLiveEvents } from "@/components/live/client.ts";

export interface NotificationBellProps {
  unread: number;
  /** The user's latest event id when the page was made. */
  liveSeq: number;
}

/** The bell's accessible name. */
export function bellLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
}

export default function NotificationBell(props: NotificationBellProps) {
  const [unread, setUnread] = useState(props.unread);
  const [announcement, setAnnouncement] = useState("");

  const onCount: LiveHandler = (data, event) => {
    if (typeof data.unread === "number") setUnread(data.unread);
    if (event.type === "notification" && data.notification?.title) {
      setAnnouncement(`New notification: ${data.notification.title}`);
    }
  };
  const live = useLiveEvents(props.liveSeq, {
    notification: onCount,
    "notification.read": onCount,
    // Events were missed (expired): read the count afresh.
    resync: async () => {
      const answer = await fetch("/api/notifications?limit=1", {
        headers: { accept: "application/json" },
      }).catch(() => null);
      if (answer?.ok) setUnread((await answer.json()).unread);
    },
  });

  return (
    <>
      <a
        href="/notifications"
        aria-label={bellLabel(unread)}
        data-unread={unread}
        data-live={live ? "on" : "off"}
        class="relative inline-flex h-11 w-9 shrink-0 items-center justify-center rounded-lg text-slate-700 sm:w-11 hover:bg-slate-100 hover:text-slate-900"
      >
        <svg
          viewBox="0 0 24 24"
          class="h-6 w-6"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span
            aria-hidden="true"
            class="absolute top-0.5 -right-1 min-w-5 sm:right-0.5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-bold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </a>
      <span class="sr-only" aria-live="polite">{announcement}</span>
    </>
  );
}
