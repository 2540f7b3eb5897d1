import { Container } from "./Layout.tsx";
import { LogoMark } from "./Logo.tsx";
import { FOOTER_NAV, type NavLink, SITE_NAME } from "@/web/site.ts";
import { CATEGORIES_INDEX_HREF } from "./CategoryCard.tsx";
import { CONSENT_OPEN_ATTRIBUTE, COOKIE_CHOICES_PATH } from "@/web/consent.ts";
import { MarkupCache } from "@/framework/markup.ts";

/**
 * What the footer says TapTime is. Sessions happen; video calls inside the
 * site do not exist yet, so the line does not mention them.
 */
const FOOTER_TAGLINE = "Book one-to-one sessions with vetted experts.";

const CATEGORIES_LINK: NavLink = {
  href: CATEGORIES_INDEX_HREF,
  label: "All categories",
};

/** The footer's link groups: the site's, with the categories index under "Learn". */
function footerGroups(): typeof FOOTER_NAV {
  return FOOTER_NAV.map((group, index) =>
    index === 0 &&
      !group.links.some((link) => link.href === CATEGORIES_INDEX_HREF)
      ? {
        ...group,
        links: [group.links[0], CATEGORIES_LINK, ...group.links.slice(1)],
      }
      : group
  );
}

/**
 * The footer is on every page and only its feedback link changes with the
 * page, so the rest is rendered once (per year) and reused.
 */
const kept = new MarkupCache(8);

/** The site footer: link columns, a feedback prompt for this page, copyright. */
export function SiteFooter({ pathname }: { pathname: string }) {
  const year = new Date().getUTCFullYear();
  const feedbackHref = `/feedback?page=${encodeURIComponent(pathname)}`;
  return (
    <footer class="border-t border-slate-200 bg-slate-50">
      <Container class="py-12">
        <div class="grid gap-10 md:grid-cols-4">
          <div>
            {kept.get("brand", () => (
              <>
                <p class="flex items-center gap-2 text-lg font-bold text-slate-900">
                  <LogoMark class="h-7 w-7" />
                  {SITE_NAME}
                </p>
                <p class="mt-3 text-sm text-slate-700">{FOOTER_TAGLINE}</p>
              </>
            ))}
            <p class="mt-3 text-sm text-slate-700">
              Something not right on this page?{" "}
              <a
                href={feedbackHref}
                class="font-medium text-brand-800 underline hover:text-brand-950"
              >
                Tell us
              </a>.
            </p>
          </div>
          {kept.get("columns", () => <FooterColumns />)}
        </div>
        {kept.get(`closing ${year}`, () => <FooterClosing year={year} />)}
      </Container>
    </footer>
  );
}

function FooterColumns() {
  return footerGroups().map((group) => (
    <nav key={group.title} aria-label={group.title}>
      <h2 class="text-sm font-semibold text-slate-900">
        {group.title}
      </h2>
      <ul class="mt-3 space-y-1">
        {group.links.map((link) => (
          <li key={link.href}>
            <a
              href={link.href}
              class="inline-block py-1 text-sm text-slate-700 hover:text-slate-900 hover:underline"
            >
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  ));
}

function FooterClosing({ year }: { year: number }) {
  return (
    <>
      <p class="mt-10 border-t border-slate-200 pt-6 text-sm text-slate-600">
        © {year} {SITE_NAME}. All rights reserved.
      </p>
      <p class="mt-2 text-sm">
        {/* The consent script reopens the banner; without it, a form page. */}
        <a
          href={COOKIE_CHOICES_PATH}
          {...{ [CONSENT_OPEN_ATTRIBUTE]: "" }}
          class="inline-block py-1 text-slate-700 underline hover:text-slate-900"
        >
          Cookie choices
        </a>
      </p>
    </>
  );
}
