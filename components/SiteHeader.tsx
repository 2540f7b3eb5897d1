import type { PublicUser } from "@/services/auth/mod.ts";
import { buttonClasses } from "./Button.tsx";
import { roleHome } from "@/auth/policy.ts";
import { Container } from "./Layout.tsx";
import { LogoMark } from "./Logo.tsx";
import { isCurrentSection } from "@/web/navigation.ts";
import { PRIMARY_NAV, SITE_NAME } from "@/web/site.ts";
import { MarkupCache } from "@/framework/markup.ts";
import NotificationBell, {
  type NotificationBellProps,
} from "@/islands/NotificationBell.tsx";

/**
 * Header parts rendered once and reused: the brand and navigation per
 * current section, the account menu per person (its key holds everything
 * it shows). The bell is an island and renders with each page.
 */
const kept = new MarkupCache(500);

type HeaderLink = (typeof PRIMARY_NAV)[number] & { current: boolean };

/**
 * The site header: logo, main navigation, and the account links ("Log in"
 * and "Sign up", or the signed-in person's notification bell and menu). On
 * small screens the navigation folds into a `<details>` menu, so it opens
 * and closes without any JavaScript.
 */
export function SiteHeader(
  { pathname, user = null, bell = null }: {
    pathname: string;
    user?: PublicUser | null;
    /** The bell's starting point (routes/_middleware.ts loads it for signed-in pages). */
    bell?: NotificationBellProps | null;
  },
) {
  const links: HeaderLink[] = PRIMARY_NAV.map((link) => ({
    ...link,
    current: isCurrentSection(pathname, link.href),
  }));
  // Which links are marked current is all the navigation varies by.
  const section = links.map((link) => link.current ? "1" : "0").join("");
  return (
    <header class="border-b border-slate-200 bg-white">
      <Container class="flex h-16 items-center justify-between gap-2 sm:gap-4">
        {kept.get(`nav ${section}`, () => <BrandAndNav links={links} />)}
        <div class="ml-auto flex items-center gap-1 sm:gap-2">
          {user && bell && <NotificationBell {...bell} />}
          {user
            ? kept.get(
              `account ${
                JSON.stringify([user.id, user.name, user.email, roleHome(user)])
              }`,
              () => <AccountMenu user={user} />,
            )
            : kept.get("signed out", () => <SignInLinks />)}
        </div>
        {kept.get(`menu ${section}`, () => <MobileMenu links={links} />)}
      </Container>
    </header>
  );
}

function BrandAndNav({ links }: { links: HeaderLink[] }) {
  return (
    <>
      <a
        href="/"
        class="flex shrink-0 items-center gap-1.5 rounded-md text-lg font-bold tracking-tight text-slate-900 sm:gap-2 sm:text-xl"
      >
        <LogoMark class="h-7 w-7 sm:h-8 sm:w-8" />
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
    </>
  );
}

function SignInLinks() {
  return (
    <>
      <a
        href="/login"
        class="rounded-md px-2 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 hover:text-slate-900 sm:px-3"
      >
        Log in
      </a>
      <a
        href="/signup"
        class={`${buttonClasses("primary", "sm")} whitespace-nowrap`}
      >
        Sign up
      </a>
    </>
  );
}

function MobileMenu({ links }: { links: HeaderLink[] }) {
  return (
    <details data-menu class="group relative md:hidden">
      <summary
        class={`${
          buttonClasses("secondary", "sm")
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
        <span class="sr-only sm:not-sr-only">Menu</span>
      </summary>
      <nav
        aria-label="Main menu"
        class="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
      >
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <a
                href={link.href}
                aria-current={link.current ? "page" : undefined}
                class={`block rounded-md px-3 py-3 text-base font-medium hover:bg-slate-100 ${
                  link.current ? "bg-brand-50 text-brand-900" : "text-slate-800"
                }`}
              >
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}

/** The first word of a name, for the compact menu button. */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

/**
 * The signed-in person's menu: a `<details>` disclosure (no JavaScript) with
 * their home, account pages, and a log-out button (a POST form, so another
 * site cannot log them out with a link).
 */
function AccountMenu({ user }: { user: PublicUser }) {
  const item =
    "block w-full rounded-md px-3 py-2.5 text-left text-sm font-medium text-slate-800 hover:bg-slate-100";
  return (
    <details data-menu class="relative">
      <summary class="inline-flex cursor-pointer list-none items-center gap-1 rounded-lg bg-white px-3 py-2.5 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
        {/* Narrow phones have room for a short name only; the menu shows it all. */}
        <span class="max-w-20 truncate sm:max-w-40">
          {firstName(user.name)}
        </span>
        <span class="sr-only">, account menu</span>
        <svg
          viewBox="0 0 20 20"
          class="h-4 w-4 shrink-0"
          aria-hidden="true"
          fill="currentColor"
        >
          <path d="M5 7l5 6 5-6z" />
        </svg>
      </summary>
      <div class="absolute right-0 z-30 mt-2 w-56 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        <p class="px-3 pt-2 text-sm font-semibold break-words text-slate-900">
          {user.name}
        </p>
        <p class="truncate px-3 pb-2 text-xs text-slate-700">{user.email}</p>
        <ul>
          <li>
            <a href={roleHome(user)} class={item}>Your home</a>
          </li>
          <li>
            <a href="/account" class={item}>Account</a>
          </li>
          <li>
            <a href="/account/security" class={item}>Security</a>
          </li>
          <li>
            <form method="post" action="/logout">
              <button type="submit" class={item}>Log out</button>
            </form>
          </li>
        </ul>
      </div>
    </details>
  );
}
