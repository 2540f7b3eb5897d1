/** The admin overview says whose account each recent security event is on. */
import { expect } from "expect";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { page } from "@/tests/pages/page_helpers.ts";

Deno.test("the overview's security events have who columns", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  await signUp(app, "learner", {
    name: "Quinn Learner",
    email: "quinn@example.com",
  });
  const home = await page(admin, "/admin");
  const table = home.text.match(/<table[\s\S]*?<\/table>/)![0];
  expect(table).toContain(
    '<th scope="col" class="px-3 py-2 align-top">Account</th>',
  );
  expect(table).toContain("Quinn Learner (quinn@example.com)");
});
