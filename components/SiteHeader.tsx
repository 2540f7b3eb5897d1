import { buttonClasses } from "./Button.tsx";
import { Container } from "./Layout.tsx";
import { LogoMark } from "./Logo.tsx";
import { PRIMARY_NAV, SITE_NAME } from "./site.ts";

/** True when `pathname` is the link's page or one of its sub-pages. */
export function isCurrentSection(pathname: string, href: string): boolean {
  const path = href.split(/[?#]/)[0];
  return pathname === path || pathname.startsWith(`${path}/`);
}

/**
 * The site header: logo, main navigation, and a "Browse experts" call to
 * action. On small screens the navigation folds into a `<details>` menu, so
 * it opens and closes without any JavaScript.
 */
export function SiteHeader({ pathname }: { pathname: string }) {
  const links = PRIMARY_NAV.map((link) => ({
    ...link,
    current: isCurrentSection(pathname, link.href),
  }));
  return (
    <header class="border-b border-slate-200 bg-white">
      <Container class="flex h-16 items-center justify-between gap-4">
        <a
          href="/"
          class="flex items-center gap-2 rounded-md text-xl font-bold tracking-tight text-slate-900"
        >
          <LogoMark />
          <span>{SITE_NAME}</span>
          <span class="sr-only">, home</span>
        </a>

        <nav aria-label="Main" class="hidden md:block">
          <ul class="flex items-center gap-1">
            {links.map((link) => (
              <li key={link.href}>
                <a
                  href={link.href}
                  aria-current={link.current ? "page" : undefined}
                  class={`rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-100 hover:text-slate-900 ${
                    link.current
                      ? "text-brand-800 underline decoration-2 underline-offset-8"
                      : "text-slate-700"
                  }`}
                >
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <details class="group relative md:hidden">
          <summary
            class={`${
              buttonClasses("secondary")
            } cursor-pointer list-none [&::-webkit-details-marker]:hidden`}
          >
            <svg
              viewBox="0 0 20 20"
              class="h-5 w-5"
              aria-hidden="true"
              fill="currentColor"
            >
              <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
            </svg>
            <span>Menu</span>
          </summary>
          <nav
            aria-label="Main"
            class="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
          >
            <ul>
              {links.map((link) => (
                <li key={link.href}>
                  <a
                    href={link.href}
                    aria-current={link.current ? "page" : undefined}
                    class={`block rounded-md px-3 py-3 text-base font-medium hover:bg-slate-100 ${
                      link.current
                        ? "bg-brand-50 text-brand-900"
                        : "text-slate-800"
                    }`}
                  >
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </details>
      </Container>
    </header>
  );
}
