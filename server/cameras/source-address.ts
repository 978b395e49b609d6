import "server-only";
import dns from "node:dns";
import net from "node:net";
import { env } from "@/server/config/env";
import { GrabError } from "./grab-error";

/**
 * Which addresses a URL camera may reach. Cameras and local media proxies live on private networks
 * and loopback, so those stay allowed; link-local addresses never hold a camera but do hold cloud
 * metadata services (169.254.169.254, fd00:ec2::254) that hand out credentials, so they are always
 * refused, as is whatever the operator lists in CAMERA_URL_DENY.
 */
const ALWAYS_DENIED = ["169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128"];

export interface AddressPolicy {
  blocks: net.BlockList;
  /** Host names refused with all their subdomains, lower case, without a trailing dot. */
  hosts: string[];
}

export function addressPolicy(deny: string[] = env.CAMERA_URL_DENY): AddressPolicy {
  const blocks = new net.BlockList();
  const hosts: string[] = [];
  for (const entry of [...ALWAYS_DENIED, ...deny]) {
    const [address, prefix] = entry.split("/");
    const family = net.isIP(address);
    if (family === 0) hosts.push(address.toLowerCase().replace(/\.$/, ""));
    else blocks.addSubnet(address, prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix), family === 4 ? "ipv4" : "ipv6");
  }
  return { blocks, hosts };
}

let defaultPolicy: AddressPolicy | undefined;
const policyOrDefault = (policy?: AddressPolicy) => policy ?? (defaultPolicy ??= addressPolicy());

/** Whether an IP literal is refused; IPv6 forms that carry an IPv4 address are judged by that address. */
export function isDeniedAddress(ip: string, policy?: AddressPolicy): boolean {
  const { blocks } = policyOrDefault(policy);
  const family = net.isIP(ip);
  if (family === 4) return blocks.check(ip, "ipv4");
  if (family !== 6) return true;
  const embedded = embeddedIpv4(ip);
  return blocks.check(ip, "ipv6") || (embedded !== null && blocks.check(embedded, "ipv4"));
}

export function isDeniedHostName(hostname: string, policy?: AddressPolicy): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return policyOrDefault(policy).hosts.some((host) => name === host || name.endsWith(`.${host}`));
}

/**
 * The addresses a camera's host name stands for, all of them checked, or a GrabError
 * (`address_denied`, `unknown_host`). `hostname` as URL.hostname gives it (IPv6 in brackets).
 */
export async function resolveCameraHost(hostname: string, policy?: AddressPolicy): Promise<string[]> {
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  if (isDeniedHostName(host, policy)) throw new GrabError("address_denied");
  if (net.isIP(host)) {
    if (isDeniedAddress(host, policy)) throw new GrabError("address_denied");
    return [host];
  }
  const found = await dns.promises.lookup(host, { all: true, verbatim: true }).catch(() => null);
  if (!found?.length) throw new GrabError("unknown_host");
  // Every address, not just the first: a name may resolve to a camera and to the metadata service.
  if (found.some(({ address }) => isDeniedAddress(address, policy))) throw new GrabError("address_denied");
  return found.map(({ address }) => address);
}

/**
 * A `lookup` for http(s).request that refuses denied addresses at connect time, so a name that
 * resolves differently between our check and the connection (DNS rebinding) still cannot reach one.
 */
export function checkedLookup(policy?: AddressPolicy): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      if (isDeniedHostName(hostname, policy) || addresses.some(({ address }) => isDeniedAddress(address, policy)))
        return callback(new GrabError("address_denied") as NodeJS.ErrnoException, "", 4);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * The IPv4 address inside an IPv6 one, for the forms that reach it: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
 */
export function embeddedIpv4(ip: string): string | null {
  const words = ipv6Words(ip);
  if (!words) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zero = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zero(0, 5) && words[5] === 0xffff) return v4(words[6], words[7]);
  if (zero(0, 6) && (words[6] !== 0 || words[7] > 1)) return v4(words[6], words[7]);
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(2, 6)) return v4(words[6], words[7]);
  if (words[0] === 0x2002) return v4(words[1], words[2]);
  return null;
}

/** The eight 16-bit words of an IPv6 address (with a dotted IPv4 tail if written so), or null. */
function ipv6Words(ip: string): number[] | null {
  if (net.isIP(ip) !== 6) return null;
  let text = ip.replace(/%.*$/, "");
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const part = (s: string | undefined) => (s ? s.split(":").map((w) => parseInt(w, 16)) : []);
  const front = part(head);
  const back = part(tail);
  const middle = tail === undefined ? [] : new Array(8 - front.length - back.length).fill(0);
  return [...front, ...middle, ...back];
}
