/**
 * Site-wide facts the pages share: the product name, the navigation, and
 * the numbers we state publicly. Kept in one place so copy never disagrees.
 */

export const SITE_NAME = "TapTime";

export const SITE_TAGLINE = "Book one-to-one sessions with vetted experts.";

/** A link in the header or footer navigation. */
export interface NavLink {
  href: string;
  label: string;
}

export const PRIMARY_NAV: readonly NavLink[] = [
  { href: "/experts", label: "Browse experts" },
  { href: "/how-it-works", label: "How it works" },
  { href: "/blog", label: "Blog" },
  { href: "/join", label: "Join as expert" },
];

export const FOOTER_NAV: ReadonlyArray<{ title: string; links: NavLink[] }> = [
  {
    title: "Learn",
    links: [
      { href: "/experts", label: "Browse experts" },
      { href: "/how-it-works", label: "How it works" },
      { href: "/faq", label: "FAQ" },
      { href: "/blog", label: "Blog" },
    ],
  },
  {
    title: "Teach",
    links: [
      { href: "/join", label: "Join as expert" },
      { href: "/how-it-works#experts", label: "The expert journey" },
    ],
  },
  {
    title: "Company",
    links: [
      { href: "/about", label: "About us" },
      { href: "/contact", label: "Contact" },
      { href: "/feedback", label: "Give feedback" },
      { href: "/privacy", label: "Privacy policy" },
      { href: "/terms", label: "Terms of use" },
    ],
  },
];

/** Where "apply as an expert" calls to action lead: sign-up with teaching chosen. */
export const EXPERT_APPLICATION_HREF = "/signup?role=expert";
