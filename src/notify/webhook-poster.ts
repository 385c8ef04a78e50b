import { createHmac } from "node:crypto";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { WebhookDestinationError, hostOf, type WebhookAllowList } from "./webhook-destination.js";

/** EPCIS 2.0 REST binding: the subscriber's signatureToken signs each callback body, base64 HMAC-SHA256. */
export function gs1Signature(body: string, token: string): string {
  return createHmac("sha256", token).update(body, "utf8").digest("base64");
}

export interface WebhookPost {
  dest: string;
  body: string;
  /** Default application/ld+json (an EPCISQueryDocument). */
  contentType?: string;
  signatureToken: string | null;
  /** The items' idempotency keys (eventIDs, or a scheduled run's id), in the body's order. */
  keys: readonly string[];
}

/** What the receiver answered: its status, or why nothing was answered. */
export type PostOutcome = { status: number } | { error: string };

/**
 * Posts one callback: the destination is checked against the allow-list at connection time (the address actually
 * connected to, so a name re-pointed to an inside address is refused), no redirects are followed, and the whole
 * exchange is bounded by `timeoutMs`.
 */
export class WebhookPoster {
  constructor(
    private readonly allowList: WebhookAllowList,
    private readonly timeoutMs: number,
  ) {}

  async post(request: WebhookPost): Promise<PostOutcome> {
    let url: URL;
    try {
      url = this.allowList.checkUrl(request.dest);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const headers: Record<string, string> = {
      "content-type": request.contentType ?? "application/ld+json",
      "content-length": String(Buffer.byteLength(request.body)),
      "idempotency-key": request.keys.join(","),
      "user-agent": "tracegraph-notify",
    };
    if (request.signatureToken) headers["gs1-signature"] = gs1Signature(request.body, request.signatureToken);
    const client = url.protocol === "https:" ? https : http;
    return new Promise<PostOutcome>((resolve) => {
      const req = client.request(
        url,
        { method: "POST", headers, lookup: this.checkedLookup(hostOf(url)), timeout: this.timeoutMs },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
          res.on("error", (error) => resolve({ error: error.message }));
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      req.on("timeout", () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on("error", (error) => resolve({ error: error.message }));
      req.on("close", () => clearTimeout(timer));
      req.end(request.body);
    });
  }

  /** Resolves as usual, then refuses an address the allow-list does not let us reach. */
  private checkedLookup(host: string): LookupFunction {
    const allowList = this.allowList;
    return (hostname, options, callback) => {
      const literal = isIP(host);
      const done = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
        if (error) return callback(error, "", 0);
        const list = Array.isArray(address) ? address : [{ address, family: family ?? 4 }];
        const refused = list.find((a) => !allowList.addressAllowed(a.address));
        if (refused) {
          const problem = new WebhookDestinationError(`${host} resolves to ${refused.address}, which is not allowed`);
          return callback(problem as NodeJS.ErrnoException, "", 0);
        }
        if (options.all) return callback(null, list);
        const first = list[0];
        if (!first) return callback(new Error(`${host} has no address`) as NodeJS.ErrnoException, "", 0);
        return callback(null, first.address, first.family);
      };
      if (literal) return done(null, host, literal);
      dnsLookup(hostname, { ...options, all: true }, (error, addresses) => done(error, addresses));
    };
  }
}
