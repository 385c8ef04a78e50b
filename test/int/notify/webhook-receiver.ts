import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One callback as the receiver got it. */
export interface Received {
  hook: string;
  status: number;
  keys: string[];
  signature: string | null;
  body: string;
  eventIds: string[];
}

/** How a hook answers its next callback: a status, or no answer at all (the request hangs until closed). */
export type Answer = number | "hang";
export type Responder = (callback: { keys: string[]; eventIds: string[]; index: number }) => Answer;

/**
 * A webhook receiver on 127.0.0.1 for the notification tests: each hook (a path `/hook/{name}`) records every
 * callback, answers as its responder says (200 by default), and counts how many of its callbacks ran at once.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly inFlight = new Map<string, number>();
  readonly maxInFlight = new Map<string, number>();
  private readonly hanging: ServerResponse[] = [];
  private server: Server | undefined;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A new hook's URL; `responder` decides each answer. */
  hook(responder: Responder = () => 200): { name: string; url: string } {
    const name = randomUUID().slice(0, 8);
    this.responders.set(name, responder);
    return { name, url: `http://127.0.0.1:${this.port}/hook/${name}` };
  }

  respond(name: string, responder: Responder): void {
    this.responders.set(name, responder);
  }

  /** Callbacks of one hook answered with 2xx: what it accepted. */
  accepted(name: string): Received[] {
    return this.received.filter((r) => r.hook === name && r.status >= 200 && r.status < 300);
  }

  /** The event ids a hook accepted, in the order it accepted them. */
  acceptedEventIds(name: string): string[] {
    return this.accepted(name).flatMap((r) => r.eventIds);
  }

  calls(name: string): Received[] {
    return this.received.filter((r) => r.hook === name);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hook = /^\/hook\/([^/?]+)/.exec(req.url ?? "")?.[1] ?? "";
    const running = (this.inFlight.get(hook) ?? 0) + 1;
    this.inFlight.set(hook, running);
    this.maxInFlight.set(hook, Math.max(running, this.maxInFlight.get(hook) ?? 0));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const keys = String(req.headers["idempotency-key"] ?? "")
      .split(",")
      .filter((k) => k !== "");
    const eventIds = eventIdsOf(body);
    const index = this.calls(hook).length;
    const answer = (this.responders.get(hook) ?? (() => 404))({ keys, eventIds, index });
    const signature = typeof req.headers["gs1-signature"] === "string" ? req.headers["gs1-signature"] : null;
    const done = () => this.inFlight.set(hook, (this.inFlight.get(hook) ?? 1) - 1);
    if (answer === "hang") {
      this.received.push({ hook, status: 0, keys, signature, body, eventIds });
      this.hanging.push(res);
      res.on("close", done);
      return;
    }
    this.received.push({ hook, status: answer, keys, signature, body, eventIds });
    done();
    res.writeHead(answer, { "content-type": "text/plain" }).end("ok");
  }
}

export function eventIdsOf(body: string): string[] {
  try {
    const doc = JSON.parse(body) as {
      epcisBody?: { queryResults?: { resultsBody?: { eventList?: { eventID?: string }[] } } };
    };
    return (doc.epcisBody?.queryResults?.resultsBody?.eventList ?? []).map((e) => String(e.eventID));
  } catch {
    return [];
  }
}

/** What the subscriber computes to check a callback: base64 HMAC-SHA256 of the body with its signatureToken. */
export function expectedSignature(body: string, token: string): string {
  return createHmac("sha256", token).update(body, "utf8").digest("base64");
}
