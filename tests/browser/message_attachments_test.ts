/**
 * Attaching a picture on a 360 px phone: a file over 10 MB is refused as
 * soon as it is chosen (nothing is uploaded), a real PNG goes with a line
 * of text and shows as a thumbnail on both sides, live on the other's
 * page, where the other person reports it from the thread. Both pages pass
 * axe. Set MESSAGES_SCREENSHOTS=<folder> to keep screenshots.
 */
import { Buffer } from "node:buffer";
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  expectAccessible,
  signedInPage,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { openConversation } from "@/services/messaging/mod.ts";

const SHOTS = Deno.env.get("MESSAGES_SCREENSHOTS");

/** CRC-32 of a PNG chunk's type and data. */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
  }
  return ~crc >>> 0;
}

/** A real `width`×`height` PNG: a diagonal gradient. */
async function gradientPng(width: number, height: number): Promise<Uint8Array> {
  const rows = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) {
      rows.set(
        [40 + (x * 200) / width, 90, 60 + (y * 180) / height],
        row + 1 + x * 3,
      );
    }
  }
  const zlib = new Uint8Array(
    await new Response(
      new Blob([rows]).stream().pipeThrough(new CompressionStream("deflate")),
    ).arrayBuffer(),
  );
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(body, 4);
    view.setUint32(8 + data.length, crc32(body));
    return out;
  };
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return new Uint8Array([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...chunk("IHDR", header),
    ...chunk("IDAT", zlib),
    ...chunk("IEND", new Uint8Array()),
  ]);
}

Deno.test({
  name:
    "a picture attached on a phone shows as a thumbnail on both sides and can be reported",
  ignore: !browserTestsEnabled,
  async fn() {
    await withBrowser(async (app, browser) => {
      const pair = await messagingPair(app.kv, { booked: true });
      const { id } = await openConversation(
        app.kv,
        pair.learner,
        pair.expert.id,
      );
      const path = `${app.baseUrl}/messages/${id}`;
      const learner = await signedInPage(
        browser,
        app.baseUrl,
        pair.learner.email,
        360,
      );
      const expert = await signedInPage(
        browser,
        app.baseUrl,
        pair.expert.email,
        1280,
      );
      for (const { page } of [learner, expert]) {
        await page.goto(path);
        await page.getByText("Live: new messages").waitFor();
      }
      const posts: string[] = [];
      learner.page.on("request", (request) => {
        if (request.method() === "POST") posts.push(request.url());
      });

      const file = learner.page.getByLabel("Attach a file");
      await file.setInputFiles({
        name: "scan.png",
        mimeType: "image/png",
        buffer: Buffer.alloc(11 * 1024 * 1024),
      });
      await learner.page.getByText("scan.png is larger than 10 MB").waitFor();
      expect(await file.inputValue()).toBe("");
      expect(posts.filter((url) => url.includes("/messages"))).toEqual([]);

      await file.setInputFiles({
        name: "chart.png",
        mimeType: "image/png",
        buffer: Buffer.from(await gradientPng(240, 160)),
      });
      await learner.page.getByLabel("Your message").fill(
        "The chart from our session",
      );
      await learner.page.getByRole("button", { name: "Send" }).click();
      for (const { page } of [learner, expert]) {
        const thumbnail = page.getByRole("img", { name: "chart.png" });
        await thumbnail.waitFor();
        await page.waitForFunction(
          "[...document.images].some((img) => img.alt === 'chart.png' && img.complete && img.naturalWidth === 240)",
        );
      }
      expect(await file.inputValue()).toBe("");

      await expert.page.getByText("Report", { exact: true }).click();
      await expert.page.getByLabel(/Why should a moderator look/).fill(
        "Testing the report form",
      );
      await expert.page.getByRole("button", { name: "Send report" }).click();
      await expert.page.getByText("Reported. A moderator will look at it.")
        .waitFor();

      for (const { page } of [learner, expert]) await expectAccessible(page);
      if (SHOTS) {
        await learner.page.screenshot({
          path: `${SHOTS}/attachment-360.png`,
          fullPage: true,
        });
        await expert.page.screenshot({ path: `${SHOTS}/attachment-1280.png` });
      }
      expect([...learner.errors, ...expert.errors]).toEqual([]);
    });
  },
});
