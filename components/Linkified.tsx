/**
 * Plain text with its web addresses turned into links: messages between
 * people and emails in the development outbox. The text itself is escaped
 * by Preact as usual; nothing but the links becomes markup, and links in
 * what people write (`userContent`) open apart and carry no referrer or
 * endorsement.
 */
const LINK = /\bhttps?:\/\/[^\s<>"']+/gi;

/** Text with its web addresses as links (trailing punctuation left out). */
export function Linkified(
  { text, userContent = false }: {
    text: string;
    /** Written by people: links open apart, with no referrer or endorsement. */
    userContent?: boolean;
  },
) {
  const parts: (string | { href: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const href = match[0].replace(/[.,;:!?)\]]+$/, "");
    const start = match.index!;
    parts.push(text.slice(last, start), { href });
    last = start + href.length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, i) =>
        typeof part === "string" ? part : (
          <a
            key={i}
            href={part.href}
            rel={userContent ? "noopener noreferrer nofollow ugc" : undefined}
            target={userContent ? "_blank" : undefined}
            class="break-all text-brand-800 underline"
          >
            {part.href}
          </a>
        )
      )}
    </>
  );
}
