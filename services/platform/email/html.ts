/**
 * The HTML part of every email, made from its text part, so each message
 * goes out as `multipart/alternative` with both and the two never disagree.
 * The layout is what mail clients render alike: one centred table, inline
 * styles only (no <style>, no external CSS, no images), a width that fits a
 * phone. All text — names, notes, anything a user typed — is escaped.
 *
 * From the text: blank lines separate paragraphs; a paragraph that is only a
 * link becomes a button; other links become clickable; the "— TapTime"
 * sign-off becomes the footer.
 */

const BRAND = "#0f766e";
const INK = "#0f172a";
const MUTED = "#475569";
const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const SIGN_OFF = /^—\s*TapTime$/;
const LINK = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The HTML document for an email with this subject and text part. */
export function emailHtml(subject: string, text: string): string {
  const paragraphs = text.replace(/\r\n/g, "\n").trim().split(/\n\s*\n/);
  const signedOff = SIGN_OFF.test(paragraphs.at(-1)?.trim() ?? "");
  const body = (signedOff ? paragraphs.slice(0, -1) : paragraphs)
    .map(paragraph)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f1f5f9;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:#f1f5f9;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:8px;border:1px solid #e2e8f0;">
<tr><td style="padding:20px 28px;border-bottom:3px solid ${BRAND};font-family:${FONT};font-size:20px;font-weight:bold;color:${BRAND};">TapTime</td></tr>
<tr><td style="padding:24px 28px 8px 28px;font-family:${FONT};font-size:16px;line-height:24px;color:${INK};">
${body}
</td></tr>
<tr><td style="padding:16px 28px 24px 28px;font-family:${FONT};font-size:13px;line-height:20px;color:${MUTED};border-top:1px solid #e2e8f0;">Sent by TapTime. You get this email because of your TapTime account.</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function paragraph(text: string): string {
  const trimmed = text.trim();
  if (/^https?:\/\/\S+$/.test(trimmed)) return button(trimmed);
  const lines = trimmed.split("\n").map(linkify).join("<br>\n");
  return `<p style="margin:0 0 16px 0;">${lines}</p>`;
}

/** A link that works as a button in every client (a padded table cell). */
function button(url: string): string {
  const href = escapeHtml(url);
  return `<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:4px 0 20px 0;"><tr><td style="border-radius:6px;background-color:${BRAND};"><a href="${href}" style="display:inline-block;padding:12px 22px;font-family:${FONT};font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">Open the link</a></td></tr></table>
<p style="margin:0 0 16px 0;font-size:13px;line-height:20px;color:${MUTED};word-break:break-all;">Or paste this address into your browser: ${
    link(url)
  }</p>`;
}

/** One line, escaped, with its links clickable. */
function linkify(line: string): string {
  let html = "";
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    html += escapeHtml(line.slice(last, match.index)) + link(match[0]);
    last = match.index + match[0].length;
  }
  return html + escapeHtml(line.slice(last));
}

function link(url: string): string {
  const safe = escapeHtml(url);
  return `<a href="${safe}" style="color:${BRAND};text-decoration:underline;">${safe}</a>`;
}
