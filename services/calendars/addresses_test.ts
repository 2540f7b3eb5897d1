import { expect } from "expect";
import { addressKind, isIpLiteral, parseIPv6 } from "./addresses.ts";

Deno.test("IPv4 addresses are classified by range", () => {
  const cases: [string, string][] = [
    ["8.8.8.8", "public"],
    ["142.250.185.78", "public"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["172.15.255.255", "public"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["100.128.0.1", "public"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["203.0.113.5", "reserved"],
  ];
  for (const [address, kind] of cases) {
    expect([address, addressKind(address)]).toEqual([address, kind]);
  }
});

Deno.test("IPv6 addresses are classified by range", () => {
  const cases: [string, string][] = [
    ["2001:4860:4860::8888", "public"],
    ["2a00:1450:4001:80b::200e", "public"],
    ["[2606:4700::1111]", "public"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378::1", "reserved"],
    ["100::1", "reserved"],
    ["3fff::1", "public"],
    ["4000::1", "reserved"],
  ];
  for (const [address, kind] of cases) {
    expect([address, addressKind(address)]).toEqual([address, kind]);
  }
});

Deno.test("IPv6 forms carrying an IPv4 address are judged by it", () => {
  const cases: [string, string][] = [
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::ffff:10.1.2.3]", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:8.8.8.8", "public"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::8.8.8.8", "public"],
    ["2002:c0a8:0101::1", "private"], // 6to4 of 192.168.1.1
    ["2002:0808:0808::1", "public"],
  ];
  for (const [address, kind] of cases) {
    expect([address, addressKind(address)]).toEqual([address, kind]);
  }
});

Deno.test("malformed addresses are not IP literals", () => {
  for (
    const text of [
      "calendar.google.com",
      "256.1.1.1",
      "1.2.3",
      "1.2.3.4.5",
      "01.2.3.4x",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "12345::1",
      "::ffff:300.1.1.1",
      "",
    ]
  ) {
    expect([text, isIpLiteral(text)]).toEqual([text, false]);
  }
  expect(parseIPv6("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(parseIPv6("1::8")).toEqual([1, 0, 0, 0, 0, 0, 0, 8]);
  expect(parseIPv6("::ffff:1.2.3.4")).toEqual([
    0,
    0,
    0,
    0,
    0,
    0xffff,
    0x0102,
    0x0304,
  ]);
});
