/** http(s) URLs in plain text, up to whitespace or a closing bracket. */
const URL_PATTERN = /https?:\/\/[^\s<>()"']+/g;

/**
 * Plain text with its web addresses turned into links, for reading emails
 * in the outbox viewer. The text itself is escaped by Preact as usual.
 */
export function Linkified({ text }: { text: string }) {
  const parts: (string | { href: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const href = match[0].replace(/[.,;:!?]+$/, "");
    parts.push(text.slice(last, match.index));
    parts.push({ href });
    last = match.index + href.length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, index) =>
        typeof part === "string" ? part : (
          <a
            key={index}
            href={part.href}
            class="break-all font-semibold text-brand-800 underline"
          >
            {part.href}
          </a>
        )
      )}
    </>
  );
}
