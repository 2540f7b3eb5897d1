import { expect } from "expect";
import { createHmac } from "node:crypto";
import { iceServersFor, parseIceServers, turnCredentials } from "./ice.ts";

Deno.test("ICE_SERVERS as a comma-separated list", () => {
  expect(
    parseIceServers(
      "stun:a.example.com:3478, turn:b.example.com:3478?transport=udp",
    ),
  )
    .toEqual({
      urls: [
        "stun:a.example.com:3478",
        "turn:b.example.com:3478?transport=udp",
      ],
    });
  expect(parseIceServers("stun:ok.example.com, http://x")).toEqual({
    problems: [
      '"http://x" is not a stun:, turn: or turns: URL (e.g. turn:turn.example.com:3478?transport=udp).',
    ],
  });
});

Deno.test("ICE_SERVERS as JSON keeps static credentials", () => {
  const servers = [
    { urls: "stun:a.example.com:3478" },
    {
      urls: ["turn:b.example.com:3478", "turns:b.example.com:5349"],
      username: "static",
      credential: "pw",
    },
  ];
  expect(parseIceServers(JSON.stringify(servers))).toEqual({
    urls: [
      "stun:a.example.com:3478",
      "turn:b.example.com:3478",
      "turns:b.example.com:5349",
    ],
    servers,
  });
  expect("problems" in parseIceServers("[{")).toBe(true);
  expect("problems" in parseIceServers('[{"urls":"https://x"}]')).toBe(true);
  expect("problems" in parseIceServers("[]")).toBe(true);
});

Deno.test("TURN credentials follow coturn's REST format", async () => {
  const nowMs = Date.parse("2030-05-01T10:00:00Z");
  const { username, credential } = await turnCredentials(
    "a-long-shared-secret",
    "user-1",
    nowMs,
    3600,
  );
  const expiry = nowMs / 1000 + 3600;
  expect(username).toBe(`${expiry}:user-1`);
  // What coturn computes from its static-auth-secret.
  expect(credential).toBe(
    createHmac("sha1", "a-long-shared-secret").update(username).digest(
      "base64",
    ),
  );
});

Deno.test("only TURN servers without their own credentials get issued ones", async () => {
  const servers = await iceServersFor(
    {
      urls: [],
      servers: [
        { urls: "stun:a.example.com" },
        { urls: "turn:b.example.com" },
        { urls: "turn:c.example.com", username: "x", credential: "y" },
      ],
      turnSecret: "a-long-shared-secret",
    },
    "u",
    0,
  );
  expect(servers[0]).toEqual({ urls: "stun:a.example.com" });
  expect(servers[1].username).toMatch(/^\d+:u$/);
  expect(servers[2]).toEqual({
    urls: "turn:c.example.com",
    username: "x",
    credential: "y",
  });
  expect(await iceServersFor({ urls: ["stun:s.example.com"] }, "u", 0))
    .toEqual([{ urls: "stun:s.example.com" }]);
});
