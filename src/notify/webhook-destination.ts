import { BlockList, isIP } from "node:net";
import { BadUserInputError } from "../errors/app-errors.js";

/**
 * Issue 18 item 5: where a webhook may post. The destination's host must be on the allow-list
 * (WEBHOOK_ALLOWED_HOSTS: names, `*.example.com` for subdomains, addresses); and every address it is reached at that
 * is private, loopback, link-local or otherwise not public must itself be listed, so a listed name that resolves
 * (or is re-pointed) to an inside address is refused at connection time.
 */
export class WebhookDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookDestinationError";
  }
}

const INSIDE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  INSIDE.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  INSIDE.addSubnet(net, prefix, "ipv6");
}

/** Private, loopback, link-local, multicast or reserved: reached only when listed by address. */
export function isInsideAddress(address: string): boolean {
  // An IPv4-mapped IPv6 address is judged as its IPv4 address (BlockList would match any IPv4 to a ::ffff:0:0/96).
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isInsideAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return true;
  return INSIDE.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class WebhookAllowList {
  private readonly entries: string[];

  constructor(entries: readonly string[]) {
    this.entries = entries.map((e) => e.toLowerCase());
  }

  /** The destination URL, checked for its form and host (not yet its addresses); BAD_USER_INPUT naming `dest`. */
  checkUrl(dest: string): URL {
    let url: URL;
    try {
      url = new URL(dest);
    } catch {
      throw new BadUserInputError(`dest "${dest}" is not a URL`, { field: "dest", rule: "url" });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new BadUserInputError("dest must be an http or https URL", { field: "dest", rule: "url" });
    }
    if (url.username || url.password) {
      throw new BadUserInputError("dest must not carry credentials", { field: "dest", rule: "url" });
    }
    if (!this.hostAllowed(hostOf(url))) {
      throw new BadUserInputError(`dest host ${hostOf(url)} is not in WEBHOOK_ALLOWED_HOSTS`, {
        field: "dest",
        rule: "allowed webhook host",
      });
    }
    return url;
  }

  hostAllowed(host: string): boolean {
    const name = host.toLowerCase();
    return this.entries.some((entry) =>
      entry.startsWith("*.") ? name.endsWith(entry.slice(1)) && name.length > entry.length - 1 : entry === name,
    );
  }

  /** An address a destination resolved to: public, or inside and listed itself. */
  addressAllowed(address: string): boolean {
    return !isInsideAddress(address) || this.entries.includes(address.toLowerCase());
  }
}

/** The URL's host without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}
