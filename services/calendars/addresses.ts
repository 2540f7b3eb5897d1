/**
 * Which network addresses a calendar fetch may connect to.
 *
 * An expert types the calendar address, so without a check they could make
 * the server fetch from its own network: the cloud metadata service
 * (169.254.169.254), an admin port on localhost, a database on 10.x. Only
 * globally routable unicast addresses are allowed; everything else is
 * classified so the refusal can say why. IPv6 forms that carry an IPv4
 * address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64
 * `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the IPv4 address inside,
 * so `::ffff:127.0.0.1` is loopback, not public.
 *
 * `checkedAddresses` applies this to a URL's host: a literal address is
 * judged as it is; a name is resolved (A and AAAA) and every address it
 * resolves to must be allowed. The fetch then connects to those addresses
 * only (see ./fetch_calendar.ts).
 */
import { CALENDAR_HELP, CalendarError } from "./model.ts";

/** What kind of address a connection would reach. */
export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "shared" // carrier-grade NAT, 100.64.0.0/10
  | "multicast"
  | "unspecified"
  | "reserved" // documentation, benchmarking, future use, broadcast, …
  | "invalid";

/** Parses a dotted IPv4 address into its four bytes, or null. */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const byte = Number(part);
    if (byte > 255) return null;
    bytes.push(byte);
  }
  return bytes;
}

/**
 * Parses an IPv6 address (with `::` shortening, an optional trailing
 * dotted IPv4 part and an optional `%zone`) into eight 16-bit groups, or
 * null.
 */
export function parseIPv6(text: string): number[] | null {
  let address = text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const lastColon = address.lastIndexOf(":");
  const last = address.slice(lastColon + 1);
  if (last.includes(".")) {
    // The dotted IPv4 tail is two 16-bit groups written another way.
    const v4 = parseIPv4(last);
    if (!v4) return null;
    const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
    address = address.slice(0, lastColon + 1) + hex(v4[0], v4[1]) + ":" +
      hex(v4[2], v4[3]);
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (part: string) => part === "" ? [] : part.split(":");
  const parse = (group: string) =>
    /^[0-9a-f]{1,4}$/i.test(group) ? parseInt(group, 16) : NaN;
  const head = groupsOf(halves[0]).map(parse);
  const tail = halves.length === 2 ? groupsOf(halves[1]).map(parse) : [];
  if ([...head, ...tail].some(Number.isNaN)) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array(missing).fill(0), ...tail];
}

function ipv4Kind([a, b, c]: number[]): AddressKind {
  if (a === 0) return "unspecified"; // 0.0.0.0/8, "this network"
  if (a === 127) return "loopback";
  if (a === 10) return "private";
  if (a === 172 && b >= 16 && b <= 31) return "private";
  if (a === 192 && b === 168) return "private";
  if (a === 169 && b === 254) return "link-local";
  if (a === 100 && b >= 64 && b <= 127) return "shared";
  if (a >= 224 && a <= 239) return "multicast";
  if (a >= 240) return "reserved"; // future use and 255.255.255.255
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return "reserved";
  if (a === 192 && b === 88 && c === 99) return "reserved"; // 6to4 relay
  if (a === 198 && (b === 18 || b === 19)) return "reserved"; // benchmarking
  if (a === 198 && b === 51 && c === 100) return "reserved";
  if (a === 203 && b === 0 && c === 113) return "reserved";
  return "public";
}

function ipv6Kind(groups: number[]): AddressKind {
  const embedded = (high: number, low: number) =>
    ipv4Kind([high >> 8, high & 255, low >> 8, low & 255]);
  const zeros = (from: number, to: number) =>
    groups.slice(from, to).every((group) => group === 0);
  if (zeros(0, 8)) return "unspecified";
  if (zeros(0, 7) && groups[7] === 1) return "loopback";
  // IPv4-mapped (::ffff:0:0/96) and the deprecated IPv4-compatible (::/96).
  if (zeros(0, 5) && (groups[5] === 0xffff || groups[5] === 0)) {
    return embedded(groups[6], groups[7]);
  }
  // NAT64 (64:ff9b::/96) reaches the IPv4 address it carries.
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) {
    return embedded(groups[6], groups[7]);
  }
  if (groups[0] === 0x2002) return embedded(groups[1], groups[2]); // 6to4
  const first = groups[0];
  if ((first & 0xff00) === 0xff00) return "multicast";
  if ((first & 0xffc0) === 0xfe80) return "link-local";
  if ((first & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((first & 0xfe00) === 0xfc00) return "private"; // unique local
  if (first === 0x2001 && groups[1] === 0x0db8) return "reserved"; // docs
  if (first === 0x2001 && groups[1] === 0) return "reserved"; // Teredo
  if (first === 0x0100 && zeros(1, 4)) return "reserved"; // discard-only
  // Only 2000::/3 is allocated as global unicast.
  if ((first & 0xe000) !== 0x2000) return "reserved";
  return "public";
}

/** Classifies an IPv4 or IPv6 address (IPv6 may be in brackets). */
export function addressKind(address: string): AddressKind {
  const v4 = parseIPv4(address);
  if (v4) return ipv4Kind(v4);
  const v6 = address.includes(":") ? parseIPv6(address) : null;
  return v6 ? ipv6Kind(v6) : "invalid";
}

/** True when `text` is an IP address literal rather than a host name. */
export function isIpLiteral(text: string): boolean {
  return addressKind(text) !== "invalid";
}

/** Plain words for why an address kind is refused. */
export function describeAddressKind(kind: AddressKind): string {
  switch (kind) {
    case "loopback":
      return "this server itself (a loopback address)";
    case "private":
      return "a private network address";
    case "link-local":
      return "a link-local address";
    case "shared":
      return "a carrier-grade NAT address";
    case "multicast":
      return "a multicast address";
    case "unspecified":
      return "an unspecified address";
    case "reserved":
      return "a reserved address";
    case "invalid":
      return "an invalid address";
    case "public":
      return "a public address";
  }
}

/** The host without IPv6 brackets, and whether it names this machine. */
function hostOf(url: URL): { host: string; localName: boolean } {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const bare = host.replace(/\.$/, "");
  return {
    host,
    localName: bare === "localhost" || bare.endsWith(".localhost"),
  };
}

async function resolveWithDns(
  host: string,
  signal: AbortSignal,
): Promise<string[]> {
  const answers = await Promise.allSettled([
    Deno.resolveDns(host, "A", { signal }),
    Deno.resolveDns(host, "AAAA", { signal }),
  ]);
  return answers.flatMap((answer) =>
    answer.status === "fulfilled" ? answer.value : []
  );
}

function allowed(kind: AddressKind, allowLoopback: boolean): boolean {
  return kind === "public" || (allowLoopback && kind === "loopback");
}

export interface AddressCheckOptions {
  /** For tests only: lets loopback addresses through (never private ones). */
  allowLoopback?: boolean;
  /** Host name → addresses; by default A and AAAA from `Deno.resolveDns`. */
  resolve?: (host: string, signal: AbortSignal) => Promise<string[]>;
}

/**
 * The addresses a request to `url` may connect to: all of the host's
 * addresses, each allowed, or a CalendarError. One refused address
 * refuses the host, since the connection could pick any of them.
 */
export async function checkedAddresses(
  url: URL,
  options: AddressCheckOptions,
  signal: AbortSignal,
): Promise<string[]> {
  const { host, localName } = hostOf(url);
  const allowLoopback = options.allowLoopback === true;
  const refuse = (kind: AddressKind) =>
    new CalendarError(
      `TapTime does not fetch calendars from ${
        describeAddressKind(kind)
      } (${url.host}). ${CALENDAR_HELP}`,
    );
  if (localName) {
    if (!allowLoopback) throw refuse("loopback");
    return ["127.0.0.1", "::1"];
  }
  if (isIpLiteral(host)) {
    const kind = addressKind(host);
    if (!allowed(kind, allowLoopback)) throw refuse(kind);
    return [host];
  }
  const resolve = options.resolve ?? resolveWithDns;
  let addresses: string[];
  try {
    addresses = await resolve(host, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    addresses = [];
  }
  if (addresses.length === 0) {
    throw new CalendarError(
      `The server ${url.host} could not be found. Check the address.`,
    );
  }
  for (const address of addresses) {
    const kind = addressKind(address);
    if (!allowed(kind, allowLoopback)) throw refuse(kind);
  }
  return addresses;
}
