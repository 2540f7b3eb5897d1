/**
 * S3FileStore against a local server that speaks S3's wire protocol: path-style
 * object URLs, SigV4 `Authorization` headers verified from scratch (not with
 * aws4fetch, so a signing bug in the client can't hide), `x-amz-meta-*`
 * metadata, and S3's XML errors.
 *
 * (The s3rver package runs under Deno but accepts requests signed with a
 * wrong secret, so it could not test the bad-credentials case.)
 */
import { expect } from "expect";
import { createHash, createHmac } from "node:crypto";
import { type S3Config, S3FileStore, S3StoreError } from "./s3_store.ts";

const ACCESS_KEY_ID = "AKIATESTKEY";
const SECRET_ACCESS_KEY = "test-secret-key";
const BUCKET = "documents";
const REGION = "eu-west-1";

interface FakeObject {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  metadata: Record<string, string>;
}

function errorXml(status: number, code: string, message: string) {
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    { status, headers: { "content-type": "application/xml" } },
  );
}

const sha256Hex = (data: Uint8Array | string) =>
  createHash("sha256").update(data).digest("hex");

/**
 * Checks a request's SigV4 signature; returns an S3 error response when it
 * does not verify, or null when it does.
 */
function checkSignature(
  request: Request,
  url: URL,
  body: Uint8Array,
): Response | null {
  const authorization = request.headers.get("authorization") ?? "";
  const match = authorization.match(
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/,
  );
  if (!match) {
    return errorXml(
      403,
      "AccessDenied",
      "Missing or malformed SigV4 signature.",
    );
  }
  const [, accessKeyId, date, region, signedHeaders, signature] = match;
  if (accessKeyId !== ACCESS_KEY_ID) {
    return errorXml(403, "InvalidAccessKeyId", "The access key is unknown.");
  }
  const amzDate = request.headers.get("x-amz-date") ?? "";
  const payloadHash = request.headers.get("x-amz-content-sha256") ?? "";
  if (!amzDate.startsWith(date) || !signedHeaders.includes("host")) {
    return errorXml(403, "AccessDenied", "Bad date or signed headers.");
  }
  if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256Hex(body)) {
    return errorXml(400, "XAmzContentSHA256Mismatch", "Body hash mismatch.");
  }
  const canonicalHeaders = signedHeaders.split(";").map((name) =>
    `${name}:${(request.headers.get(name) ?? "").trim().replace(/\s+/g, " ")}\n`
  ).join("");
  const canonicalQuery = [...url.searchParams].map(([k, v]) =>
    `${encodeURIComponent(k)}=${encodeURIComponent(v)}`
  ).sort().join("&");
  const canonicalRequest = [
    request.method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    amzDate,
    scope,
    sha256Hex(canonicalRequest),
  ].join("\n");
  let signingKey: Uint8Array = new TextEncoder().encode(
    `AWS4${SECRET_ACCESS_KEY}`,
  );
  for (const part of [date, region, "s3", "aws4_request"]) {
    signingKey = createHmac("sha256", signingKey).update(part).digest();
  }
  const expected = createHmac("sha256", signingKey).update(stringToSign)
    .digest("hex");
  if (region !== REGION || expected !== signature) {
    return errorXml(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided.",
    );
  }
  return null;
}

/** Starts the fake S3 on a free port; dispose it to stop it. */
function startFakeS3() {
  const objects = new Map<string, FakeObject>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const url = new URL(request.url);
      const body = new Uint8Array(await request.arrayBuffer());
      const denied = checkSignature(request, url, body);
      if (denied) return denied;
      const [, bucket, ...keyParts] = url.pathname.split("/");
      if (bucket !== BUCKET) {
        return errorXml(404, "NoSuchBucket", "The bucket does not exist.");
      }
      const key = decodeURIComponent(keyParts.join("/"));
      const object = objects.get(key);
      switch (request.method) {
        case "PUT": {
          const metadata: Record<string, string> = {};
          for (const [name, value] of request.headers) {
            if (name.startsWith("x-amz-meta-")) metadata[name] = value;
          }
          objects.set(key, {
            body,
            contentType: request.headers.get("content-type") ??
              "binary/octet-stream",
            metadata,
          });
          return new Response(null, { status: 200 });
        }
        case "GET":
        case "HEAD": {
          if (!object) {
            return request.method === "HEAD"
              ? new Response(null, { status: 404 })
              : errorXml(404, "NoSuchKey", "The specified key does not exist.");
          }
          const headers = {
            "content-type": object.contentType,
            "content-length": String(object.body.length),
            ...object.metadata,
          };
          return new Response(request.method === "HEAD" ? null : object.body, {
            headers,
          });
        }
        case "DELETE":
          objects.delete(key);
          return new Response(null, { status: 204 });
        default:
          return errorXml(405, "MethodNotAllowed", "Not supported here.");
      }
    },
  );
  return {
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    objects,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

function configFor(
  endpoint: string,
  overrides: Partial<S3Config> = {},
): S3Config {
  return {
    endpoint,
    bucket: BUCKET,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    region: REGION,
    ...overrides,
  };
}

const pdfBytes = new TextEncoder().encode("%PDF-1.7\n" + "x".repeat(200_000));

Deno.test("S3FileStore puts, heads, streams, and deletes an object", async () => {
  await using s3 = startFakeS3();
  const store = new S3FileStore(configFor(s3.endpoint + "/"));

  const stored = await store.put("applications/01J/cv.pdf", pdfBytes, {
    contentType: "application/pdf",
    size: pdfBytes.length,
  });
  expect(stored).toEqual({
    key: "applications/01J/cv.pdf",
    contentType: "application/pdf",
    size: pdfBytes.length,
    sha256: sha256Hex(pdfBytes),
    createdAt: expect.any(String),
  });
  // What reached the server, over the wire.
  const object = s3.objects.get("applications/01J/cv.pdf")!;
  expect(object.contentType).toBe("application/pdf");
  expect(object.metadata["x-amz-meta-sha256"]).toBe(sha256Hex(pdfBytes));
  expect(object.body).toEqual(pdfBytes);

  expect(await store.head("applications/01J/cv.pdf")).toEqual(stored);

  const found = await store.get("applications/01J/cv.pdf");
  expect(found!.file).toEqual(stored);
  let received = 0;
  for await (const piece of found!.body) received += piece.length;
  expect(received).toBe(pdfBytes.length);

  await store.delete("applications/01J/cv.pdf");
  expect(s3.objects.size).toBe(0);
  expect(await store.head("applications/01J/cv.pdf")).toBeNull();
});

Deno.test("S3FileStore accepts a stream body", async () => {
  await using s3 = startFakeS3();
  const store = new S3FileStore(configFor(s3.endpoint));
  const stored = await store.put("a.png", new Blob([pdfBytes]).stream(), {
    contentType: "image/png",
  });
  expect(stored.size).toBe(pdfBytes.length);
  expect(s3.objects.get("a.png")!.body).toEqual(pdfBytes);
});

Deno.test("S3FileStore returns null for a missing key", async () => {
  await using s3 = startFakeS3();
  const store = new S3FileStore(configFor(s3.endpoint));
  expect(await store.get("nothing/here")).toBeNull();
  expect(await store.head("nothing/here")).toBeNull();
  await store.delete("nothing/here");
});

Deno.test("S3FileStore reports bad credentials clearly", async () => {
  await using s3 = startFakeS3();
  const wrongSecret = new S3FileStore(
    configFor(s3.endpoint, { secretAccessKey: "not-the-secret" }),
  );
  const error = await wrongSecret.put("a.pdf", pdfBytes, {
    contentType: "application/pdf",
  }).catch((error) => error);
  expect(error).toBeInstanceOf(S3StoreError);
  expect(error.status).toBe(403);
  expect(error.code).toBe("SignatureDoesNotMatch");
  expect(error.message).toMatch(
    /S3 PUT a\.pdf failed with 403 SignatureDoesNotMatch.*Check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_REGION/,
  );
  expect(s3.objects.size).toBe(0);

  // HEAD responses carry no body, so the status alone must explain it.
  await expect(wrongSecret.head("a.pdf")).rejects.toThrow(
    /403.*S3_SECRET_ACCESS_KEY/,
  );
  const unknownKey = new S3FileStore(
    configFor(s3.endpoint, { accessKeyId: "AKIAUNKNOWN" }),
  );
  await expect(unknownKey.get("a.pdf")).rejects.toThrow(/InvalidAccessKeyId/);
  const wrongRegion = new S3FileStore(
    configFor(s3.endpoint, { region: "us-east-1" }),
  );
  await expect(wrongRegion.delete("a.pdf")).rejects.toThrow(
    /SignatureDoesNotMatch/,
  );
});

Deno.test("S3FileStore rejects a body whose size differs from the declared size", async () => {
  await using s3 = startFakeS3();
  const store = new S3FileStore(configFor(s3.endpoint));
  await expect(
    store.put("a.pdf", pdfBytes, {
      contentType: "application/pdf",
      size: 1,
    }),
  ).rejects.toThrow(/declared/);
  expect(s3.objects.size).toBe(0);
});

Deno.test("S3FileStore reports a missing bucket", async () => {
  await using s3 = startFakeS3();
  const store = new S3FileStore(configFor(s3.endpoint, { bucket: "other" }));
  await expect(
    store.put("a.pdf", pdfBytes, { contentType: "application/pdf" }),
  ).rejects.toThrow(/404 NoSuchBucket/);
});
