/**
 * Client JavaScript weight, measured by a real browser: Chromium opens a page
 * the way a first visit does (fresh context, empty cache), every JavaScript
 * response it receives is recorded until the network goes quiet, and each
 * distinct file counts once at the size of its body gzipped with
 * `CompressionStream`. Gzipping the decoded body ourselves keeps the number
 * independent of whether, and how well, the server compressed it.
 */
import type { Browser, Response as BrowserResponse } from "playwright-core";

/** One JavaScript file a page loads. */
export interface JsFile {
  url: string;
  status: number;
  rawBytes: number;
  gzipBytes: number;
}

/** The JavaScript one page loads. */
export interface PageJsWeight {
  path: string;
  /** Status of the page itself; the weight is only meaningful for 200. */
  status: number;
  files: JsFile[];
  /** Sum of `gzipBytes` over `files`. */
  gzipBytes: number;
  /** Problems seen: the page or a script not loading, or answering other than 200. */
  problems: string[];
}

/** A page's JavaScript weight and the absolute URLs of the links on it. */
export interface PageVisit {
  weight: PageJsWeight;
  links: string[];
}

/** Gzipped size of `bytes` as `CompressionStream("gzip")` produces it. */
export async function gzipSize(bytes: Uint8Array): Promise<number> {
  const compressed = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  let size = 0;
  for await (const chunk of compressed) size += chunk.byteLength;
  return size;
}

/**
 * Loads `origin + path` in `browser` and weighs the JavaScript it downloads,
 * including modules that hydration imports after the page's load event.
 */
export async function measurePageJs(
  browser: Browser,
  origin: string,
  path: string,
  timeoutMs = 30_000,
): Promise<PageVisit> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const files = new Map<string, Promise<JsFile>>();
    const problems: string[] = [];
    page.on("response", (response) => {
      const url = response.url();
      if (!isJavaScript(response) || files.has(url)) return;
      files.set(url, weighResponse(response));
    });
    page.on("requestfailed", (request) => {
      // A script that got an error status is also aborted; its status says more.
      if (request.resourceType() !== "script" || files.has(request.url())) {
        return;
      }
      problems.push(
        `${pathOf(request.url())} failed: ${
          request.failure()?.errorText ?? "unknown error"
        }`,
      );
    });

    let status = 0;
    let links: string[] = [];
    try {
      // "networkidle" rather than "load": island modules import their
      // chunks after the boot script runs, and those count too.
      const response = await page.goto(new URL(path, origin).href, {
        waitUntil: "networkidle",
        timeout: timeoutMs,
      });
      status = response?.status() ?? 0;
      if (status !== 200) problems.push(`page answered ${status}`);
      links = await page.locator("a[href]").evaluateAll((anchors) =>
        anchors.map((anchor) => (anchor as HTMLAnchorElement).href)
      );
    } catch (error) {
      problems.push(
        `page did not load: ${
          error instanceof Error ? error.message.split("\n")[0] : error
        }`,
      );
    }

    const list = await Promise.all(files.values());
    for (const file of list) {
      if (file.status !== 200) {
        problems.push(`${pathOf(file.url)} answered ${file.status}`);
      }
    }
    return {
      weight: {
        path,
        status,
        files: list,
        gzipBytes: list.reduce((total, file) => total + file.gzipBytes, 0),
        problems,
      },
      links,
    };
  } finally {
    await context.close();
  }
}

function isJavaScript(response: BrowserResponse): boolean {
  if (response.request().resourceType() === "script") return true;
  // Preloads and workers carry other resource types; the content type still says what they are.
  const contentType = response.headers()["content-type"] ?? "";
  return /\b(java|ecma)script\b/i.test(contentType);
}

async function weighResponse(response: BrowserResponse): Promise<JsFile> {
  const url = response.url();
  const status = response.status();
  let body: Uint8Array;
  try {
    body = new Uint8Array(await response.body());
  } catch {
    // Redirects and failed responses have no body to weigh.
    return { url, status, rawBytes: 0, gzipBytes: 0 };
  }
  if (status !== 200) return { url, status, rawBytes: 0, gzipBytes: 0 };
  return {
    url,
    status,
    rawBytes: body.byteLength,
    gzipBytes: await gzipSize(body),
  };
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}
