import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import { acceptUpload, MAX_UPLOAD_BYTES, sniffFileType } from "./uploads.ts";
import { JPEG, PDF, PNG } from "@/tests/support/files.ts";

const EXE = new TextEncoder().encode("MZ\x90\x00\x03\x00\x00\x00");
const HTML = new TextEncoder().encode(
  "<!doctype html><script>alert(1)</script>",
);

/** The `file` field errors acceptUpload throws for this input. */
async function rejection(
  file: Blob,
  opts?: Parameters<typeof acceptUpload>[1],
): Promise<string[]> {
  const error = await acceptUpload(file, opts).then(
    () => null,
    (error) => error,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors.file;
}

Deno.test("sniffFileType recognises PDF, PNG and JPEG by their magic bytes", () => {
  expect(sniffFileType(PDF)).toBe("application/pdf");
  expect(sniffFileType(PNG)).toBe("image/png");
  expect(sniffFileType(JPEG)).toBe("image/jpeg");
  expect(sniffFileType(EXE)).toBeNull();
  expect(sniffFileType(HTML)).toBeNull();
  expect(sniffFileType(new Uint8Array())).toBeNull();
  // Cut-off signatures are not enough.
  expect(sniffFileType(PDF.subarray(0, 4))).toBeNull();
  expect(sniffFileType(PNG.subarray(0, 7))).toBeNull();
  expect(sniffFileType(new TextEncoder().encode(" %PDF-1.7"))).toBeNull();
});

Deno.test("acceptUpload accepts each allowed type and reports what the bytes say", async () => {
  expect(
    await acceptUpload(new File([PDF], "cv.pdf", { type: "application/pdf" })),
  ).toEqual({
    contentType: "application/pdf",
    size: PDF.length,
    name: "cv.pdf",
  });
  expect(
    await acceptUpload(new File([PNG], "Badge.PNG", { type: "image/png" })),
  ).toEqual({ contentType: "image/png", size: PNG.length, name: "Badge.PNG" });
  expect(
    await acceptUpload(new File([JPEG], "scan.jpg", { type: "image/jpg" })),
  ).toEqual({ contentType: "image/jpeg", size: JPEG.length, name: "scan.jpg" });
  // No name and no declared type: the bytes decide.
  expect(await acceptUpload(new Blob([JPEG]))).toEqual({
    contentType: "image/jpeg",
    size: JPEG.length,
    name: "file.jpg",
  });
  // Browsers send a generic type for files they can't classify.
  expect(
    (await acceptUpload(
      new File([PDF], "C:\\fakepath\\degree.pdf", {
        type: "application/octet-stream",
      }),
    )).name,
  ).toBe("degree.pdf");
});

Deno.test("acceptUpload refuses disguised files", async () => {
  // An executable renamed .pdf (the browser then declares application/pdf).
  expect(
    await rejection(new File([EXE], "cv.pdf", { type: "application/pdf" })),
  ).toEqual([expect.stringMatching(/claims to be a PDF but its contents/)]);
  // HTML declared as an image.
  expect(
    await rejection(new File([HTML], "photo.png", { type: "image/png" })),
  ).toEqual([expect.stringMatching(/claims to be a PNG/)]);
  // A real PDF under a name or declared type that says otherwise.
  expect(await rejection(new File([PDF], "cv.png"))).toEqual([
    expect.stringMatching(/does not match its contents \(a PDF\)/),
  ]);
  expect(await rejection(new File([PNG], "run.exe"))).toEqual([
    expect.stringMatching(/does not match/),
  ]);
  expect(
    await rejection(new File([PNG], "photo.png", { type: "text/html" })),
  ).toEqual([expect.stringMatching(/does not match/)]);
  expect(
    await rejection(new File([JPEG], "photo.jpg", { type: "image/png" })),
  ).toEqual([expect.stringMatching(/does not match/)]);
});

Deno.test("acceptUpload refuses types that are not allowed", async () => {
  expect(await rejection(new File([EXE], "setup.exe"))).toEqual([
    "Upload a PDF, PNG or JPEG file.",
  ]);
  expect(
    await rejection(new File([PDF], "cv.pdf"), { allowed: ["image/png"] }),
  ).toEqual(["PDF files are not accepted here. Upload a PNG file."]);
});

Deno.test("acceptUpload refuses empty files", async () => {
  expect(await rejection(new File([], "cv.pdf"))).toEqual([
    "The file is empty.",
  ]);
});

Deno.test("acceptUpload enforces the size limit", async () => {
  const atLimit = new Uint8Array(MAX_UPLOAD_BYTES);
  atLimit.set(PDF);
  expect((await acceptUpload(new File([atLimit], "big.pdf"))).size).toBe(
    MAX_UPLOAD_BYTES,
  );
  const overLimit = new Uint8Array(MAX_UPLOAD_BYTES + 1);
  overLimit.set(PDF);
  expect(await rejection(new File([overLimit], "big.pdf"))).toEqual([
    "The file is larger than 10 MB.",
  ]);
  expect(await rejection(new File([PDF], "cv.pdf"), { maxBytes: 10 }))
    .toEqual(["The file is larger than 10 bytes."]);
});

Deno.test("acceptUpload stops reading just past the limit when the size is not known up front", async () => {
  let bytesRead = 0;
  const endless = {
    size: 0, // claims to be small
    type: "application/pdf",
    name: "endless.pdf",
    stream: () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          const piece = new Uint8Array(1000);
          if (bytesRead === 0) piece.set(PDF.subarray(0, 8));
          bytesRead += piece.length;
          controller.enqueue(piece);
        },
      }, { highWaterMark: 0 }),
  } as unknown as Blob;
  expect(await rejection(endless, { maxBytes: 5_500 })).toEqual([
    "The file is larger than 5500 bytes.",
  ]);
  expect(bytesRead).toBe(6_000);
});
