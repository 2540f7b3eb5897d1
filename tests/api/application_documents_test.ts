/**
 * Credential documents over HTTP: what uploads are refused, the larger body
 * limit of the upload route alone, and who may download a document. Every
 * answer is checked against the generated OpenAPI document.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import { upload, withCategories } from "./support.ts";
import { GIF, JPEG, PDF } from "@/tests/support/files.ts";

Deno.test("uploads: wrong, disguised, empty and oversized files are refused with nothing stored", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert");
  const documents = async () =>
    (await expert.api("GET", "/api/expert/application")).body.application
      .documents;

  const refused = [
    await upload(expert, new Uint8Array(), "empty.pdf", "application/pdf"),
    await upload(
      expert,
      new TextEncoder().encode("MZ this is not a pdf"),
      "cv.pdf",
      "application/pdf",
    ),
    await upload(expert, GIF, "picture.gif", "image/gif"),
    // A real PDF pretending to be a PNG.
    await upload(expert, PDF, "photo.png", "image/png"),
    await upload(
      expert,
      (() => {
        const big = new Uint8Array(10 * 1024 * 1024 + 1);
        big.set(PDF);
        return big;
      })(),
      "huge.pdf",
      "application/pdf",
    ),
  ];
  for (const answer of refused) {
    expect(answer.status).toBe(400);
    expect(answer.body.details.file).toHaveLength(1);
  }
  expect(refused[4].body.details.file[0]).toMatch(/10 MB/);
  expect(await documents()).toEqual([]);

  // Not multipart, or no file field.
  const json = await expert.api("POST", "/api/expert/application/documents", {
    file: "x",
  });
  expect(json.status).toBe(400);
  const form = new FormData();
  form.append("file", "just a string");
  const noFile = await expert.request("/api/expert/application/documents", {
    method: "POST",
    body: form,
  });
  expect(noFile.status).toBe(400);
  await noFile.body?.cancel();

  // A JPEG named and typed as a JPEG is fine; it can be removed again.
  const accepted = await upload(expert, JPEG, "scan.jpg", "image/jpeg");
  expect(accepted.status).toBe(201);
  const id = accepted.body.document.id;
  expect((await documents()).map((d: { id: string }) => d.id)).toEqual([id]);
  expect(
    (await expert.api("DELETE", `/api/expert/application/documents/${id}`))
      .status,
  ).toBe(204);
  expect(await documents()).toEqual([]);
  expect(
    (await expert.api("GET", `/api/expert/application/documents/${id}`)).status,
  ).toBe(404);
  expect(
    (await expert.api("DELETE", `/api/expert/application/documents/${id}`))
      .status,
  ).toBe(404);
});

Deno.test("only the upload route accepts bodies over 64 KiB", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert");
  const send = async (path: string, method: string, size: number) => {
    const response = await expert.request(path, {
      method,
      headers: {
        "content-type": "application/json",
        "content-length": String(size),
      },
      body: "x".repeat(size),
    });
    return { status: response.status, body: await response.json() };
  };
  // Other routes still stop at 64 KiB.
  const tooBig = await send("/api/expert/application", "PUT", 65 * 1024);
  expect(tooBig.status).toBe(413);
  expect(tooBig.body.message).toMatch(/64 KiB/);
  expect((await send("/api/expert/offerings", "POST", 65 * 1024)).status)
    .toBe(413);
  // The upload route takes more (then refuses the non-multipart body as 400)…
  const documents = "/api/expert/application/documents";
  expect((await send(documents, "POST", 65 * 1024)).status).toBe(400);
  // …up to 10 MB plus the multipart envelope.
  const huge = await send(documents, "POST", 11 * 1024 * 1024);
  expect(huge.status).toBe(413);
  expect(huge.body.error).toBe("payload_too_large");
});

Deno.test("documents are served only to their owner and to admins", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const owner = await signUp(app, "expert");
  const id = (await upload(owner, PDF, "id.pdf", "application/pdf")).body
    .document.id;
  const ownPath = `/api/expert/application/documents/${id}`;
  const adminPath = `/api/admin/applications/${owner.user!.id}/documents/${id}`;

  const stranger = await signUp(app, "expert");
  expect((await stranger.api("GET", ownPath)).status).toBe(404);
  expect((await stranger.api("DELETE", ownPath)).status).toBe(404);
  expect((await stranger.api("GET", adminPath)).status).toBe(403);
  const learner = await signUp(app, "learner");
  expect((await learner.api("GET", ownPath)).status).toBe(403);
  expect((await app.client().api("GET", ownPath)).status).toBe(401);
  expect((await app.client().api("GET", adminPath)).status).toBe(401);
  const adminWithout2fa = await signInAdmin(app, { twoFactor: false });
  const no2fa = await adminWithout2fa.api("GET", adminPath);
  expect(no2fa.body.error).toBe("two_factor_required");

  // Still there for the owner and an admin.
  const own = await owner.request(ownPath);
  expect(own.status).toBe(200);
  await own.body?.cancel();
  const viewed = await admin.request(adminPath);
  expect(viewed.status).toBe(200);
  expect(viewed.headers.get("content-disposition")).toContain("id.pdf");
  await viewed.body?.cancel();
  // An admin asking under the wrong user id finds nothing.
  const wrongUser = await admin.api(
    "GET",
    `/api/admin/applications/${stranger.user!.id}/documents/${id}`,
  );
  expect(wrongUser.status).toBe(404);
});
