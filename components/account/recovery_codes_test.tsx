/**
 * Freshly shown recovery codes can be saved: downloaded as a text file
 * (a link, no JavaScript needed), and copied or printed (an island).
 */
import { expect } from "expect";
import { renderToString } from "preact-render-to-string";
import { totpCode } from "@/services/auth/mod.ts";
import { createAuthTestApp } from "@/tests/support/auth.ts";
import { postForm, signUpWithForm } from "@/tests/pages/page_helpers.ts";
import { recoveryCodesText, TwoFactorCard } from "./SecuritySections.tsx";

const CODES = ["abcd-efgh-2345", "wxyz-mnpq-6789"];

Deno.test("recovery codes offer a text-file download of every code", () => {
  const html = renderToString(
    <TwoFactorCard
      state={{ step: "recovery-codes", codes: CODES }}
      errors={{}}
    />,
  );
  const link = html.match(/<a [^>]*download="[^"]+"[^>]*>/)?.[0] ?? "";
  expect(link).toContain('download="taptime-recovery-codes.txt"');
  const href = link.match(/href="data:text\/plain;charset=utf-8,([^"]+)"/)
    ?.[1];
  const text = decodeURIComponent(href!.replaceAll("&amp;", "&"));
  expect(text).toBe(recoveryCodesText(CODES));
  for (const code of CODES) expect(text).toContain(`\n${code}\n`);
  expect(html).toContain("Download as a text file");
});

Deno.test("the page showing new recovery codes carries the copy and print island", async () => {
  await using app = await createAuthTestApp();
  const { client } = await signUpWithForm(app, "learner");
  const setup = await postForm(client, "/account/security", {
    action: "2fa-setup",
  });
  const secret = (await setup.text()).match(
    /id="totp-secret"[^>]*>([A-Z2-7]+)</,
  )![1];
  const enabled = await postForm(client, "/account/security", {
    action: "2fa-enable",
    code: await totpCode(secret),
    setupSecret: secret,
  });
  const html = await enabled.text();
  expect(html).toContain('data-island="RecoveryCodeActions"');
  expect(html).toContain("Download as a text file");
});
