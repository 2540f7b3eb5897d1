/**
 * The frame of each role's area (learner /dashboard, expert /expert, admin
 * /admin), drawn once by the area's `_layout.tsx`: an h1 (a greeting on the
 * area's home, the section's name elsewhere) under a small line naming the
 * home or the area, the area's section navigation, and the page. Sections
 * not built yet are plain text marked "coming soon", never links that lead
 * nowhere. Also the `Card` every area page is made of.
 */
import type { ComponentChildren } from "preact";
import type { LayoutProps } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import { Container } from "@/components/Layout.tsx";
import { PrivatePageSeo } from "@/components/Seo.tsx";
import { currentSection, SHELL_SECTIONS } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";
import MessagesLink from "@/islands/MessagesLink.tsx";

/** The section whose link carries the live unread-messages count. */
const MESSAGES_HREF = "/messages";

/** How each area names itself: its navigation's label, and above its pages' h1. */
const AREA_NAMES: Record<PublicUser["role"], string> = {
  learner: "Learning",
  expert: "Teaching",
  admin: "Admin",
};

/**
 * The area frame around a page. Its title (the section's name) is the
 * page's default `<title>`; a page may render its own `<Seo>` to name
 * itself more precisely, and the page layer keeps the page's (the last).
 */
export function HomeShell(
  { user, pathname, siteUrl, live = null, children }: {
    user: PublicUser;
    pathname: string;
    siteUrl: string;
    /**
     * The user's latest event id (and unread messages when known): the
     * Messages link then shows a live unread count.
     */
    live?: { liveSeq: number; unreadMessages?: number | null } | null;
    children: ComponentChildren;
  },
) {
  const sections = SHELL_SECTIONS[user.role];
  const current = currentSection(sections, pathname);
  const title = current?.label ?? sections[0].label;
  // The greeting belongs to the area's home page itself; elsewhere (a page
  // under the home, such as saved experts, included) the h1 says which
  // section this is, as the browser tab's title does.
  const isHome = pathname === sections[0].href;
  return (
    <>
      <PrivatePageSeo title={title} siteUrl={siteUrl} path={pathname} />
      <Container class="py-8 sm:py-12">
        <p class="text-sm font-semibold tracking-wide text-brand-800 uppercase">
          {isHome ? title : AREA_NAMES[user.role]}
        </p>
        <h1 class="mt-1 text-3xl font-bold tracking-tight break-words text-slate-900">
          {isHome ? `Welcome, ${user.name}` : title}
        </h1>
        <div class="mt-8 grid gap-8 lg:grid-cols-[14rem_1fr]">
          <nav aria-label={`${AREA_NAMES[user.role]} sections`}>
            <ul class="flex flex-wrap gap-2 lg:flex-col lg:gap-1">
              {sections.map((section) => {
                const isCurrent = section === current;
                const linkClass =
                  `rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-100 ${
                    isCurrent ? "bg-brand-50 text-brand-900" : "text-slate-800"
                  }`;
                return (
                  <li key={section.label}>
                    {section.href === MESSAGES_HREF && live
                      ? (
                        <MessagesLink
                          href={section.href}
                          label={section.label}
                          unread={live.unreadMessages ?? null}
                          liveSeq={live.liveSeq}
                          current={isCurrent}
                          class={linkClass}
                        />
                      )
                      : section.href
                      ? (
                        <a
                          href={section.href}
                          aria-current={isCurrent ? "page" : undefined}
                          class={`block ${linkClass}`}
                        >
                          {section.label}
                        </a>
                      )
                      : (
                        <span class="block px-3 py-2 text-sm text-slate-600">
                          {section.label}
                          <span class="ml-1 text-xs">(coming soon)</span>
                        </span>
                      )}
                  </li>
                );
              })}
            </ul>
          </nav>
          <div class="min-w-0 space-y-6">{children}</div>
        </div>
      </Container>
    </>
  );
}

/**
 * The `_layout.tsx` of every role's area. The access policy lets only the
 * area's role in, so the user is there; if a policy entry were ever wrong,
 * `requireUser` answers 401 instead of rendering for nobody.
 */
export function AreaLayout(
  { Component, state, url }: LayoutProps<unknown, AppState>,
) {
  return (
    <HomeShell
      user={requireUser(state)}
      pathname={url.pathname}
      siteUrl={state.siteUrl}
      live={state.notificationBell
        ? { liveSeq: state.notificationBell.liveSeq }
        : null}
    >
      <Component />
    </HomeShell>
  );
}

/** A titled white card, the building block of the shells and account pages. */
export function Card(
  { title, id, children }: {
    title: string;
    /** Makes the card a labelled region; also the anchor for links to it. */
    id: string;
    children: ComponentChildren;
  },
) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      // Long unbroken text (an email address) wraps instead of stretching
      // the card past a phone's width. Not in tables: "anywhere" lets a
      // column shrink to one letter, so cells break words only when they
      // must (their wide tables scroll instead).
      class="min-w-0 rounded-xl border border-slate-200 bg-white p-6 shadow-sm wrap-anywhere [&_table]:wrap-break-word"
    >
      <h2 id={`${id}-heading`} class="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div class="mt-4 space-y-4 text-slate-800">{children}</div>
    </section>
  );
}
