import type { ComponentChildren } from "preact";
import type { PublicUser } from "@/services/auth/mod.ts";
import { Container } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { SHELL_SECTIONS } from "./navigation.ts";

/**
 * The frame of a role's home (learner, expert, admin): an h1 with the
 * person's name, the role's section navigation, and the page's content.
 * Sections not built yet are plain text marked "coming soon", never links
 * that lead nowhere.
 */
export function HomeShell(
  { user, pathname, title, siteUrl, sectionHref, children }: {
    user: PublicUser;
    pathname: string;
    /** The section this page belongs to, when its path is deeper than the section's link. */
    sectionHref?: string;
    /** The page's own title, e.g. "Dashboard". */
    title: string;
    siteUrl: string;
    children: ComponentChildren;
  },
) {
  const sections = SHELL_SECTIONS[user.role];
  const current = sectionHref ?? pathname;
  return (
    <>
      <Seo
        title={title}
        description={`${title} on TapTime.`}
        siteUrl={siteUrl}
        path={pathname}
        noindex
      />
      <Container class="py-8 sm:py-12">
        <p class="text-sm font-semibold tracking-wide text-brand-800 uppercase">
          {title}
        </p>
        <h1 class="mt-1 text-3xl font-bold tracking-tight text-slate-900">
          {`Welcome, ${user.name}`}
        </h1>
        <div class="mt-8 grid gap-8 lg:grid-cols-[14rem_1fr]">
          <nav aria-label={`${title} sections`}>
            <ul class="flex flex-wrap gap-2 lg:flex-col lg:gap-1">
              {sections.map((section) => (
                <li key={section.label}>
                  {section.href
                    ? (
                      <a
                        href={section.href}
                        aria-current={section.href === current
                          ? "page"
                          : undefined}
                        class={`block rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-100 ${
                          section.href === current
                            ? "bg-brand-50 text-brand-900"
                            : "text-slate-800"
                        }`}
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
              ))}
            </ul>
          </nav>
          <div class="min-w-0 space-y-6">{children}</div>
        </div>
      </Container>
    </>
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
      class="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id={`${id}-heading`} class="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div class="mt-4 space-y-4 text-slate-800">{children}</div>
    </section>
  );
}
