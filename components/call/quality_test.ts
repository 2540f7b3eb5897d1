import { expect } from "expect";
import { lossSince, qualityText, rateQuality } from "./quality.ts";

Deno.test("connection quality: round trip and loss make good, fair or poor", () => {
  expect(rateQuality({ rttMs: null, lossPercent: null })).toBe("unknown");
  expect(rateQuality({ rttMs: 40, lossPercent: 0 })).toBe("good");
  expect(rateQuality({ rttMs: 250, lossPercent: 0.5 })).toBe("fair");
  expect(rateQuality({ rttMs: 60, lossPercent: 5 })).toBe("fair");
  expect(rateQuality({ rttMs: 600, lossPercent: 0 })).toBe("poor");
  expect(rateQuality({ rttMs: 60, lossPercent: 12 })).toBe("poor");
});

Deno.test("loss is counted since the previous sample", () => {
  expect(lossSince(null, { received: 0, lost: 0 })).toBe(null);
  expect(lossSince(null, { received: 98, lost: 2 })).toBe(2);
  expect(lossSince({ received: 98, lost: 2 }, { received: 198, lost: 2 }))
    .toBe(0);
  expect(qualityText("good", { rttMs: 12, lossPercent: 0, framesDecoded: 1 }))
    .toBe("Good connection (12 ms, 0.0% lost)");
});
