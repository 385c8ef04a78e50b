import type { Writable } from "node:stream";

/** Characters gathered before one write: a few thousand rows per write, not one write (and one syscall) per row. */
const FLUSH_CHARS = 64 * 1024;

/** The client went away mid-stream: stop generating, nobody is reading (apiRoute logs it at debug level only). */
export class ClientGoneError extends Error {
  constructor() {
    super("the client closed the connection");
    this.name = "ClientGoneError";
  }
}

/**
 * Writes `lines` into `out` in chunks of about FLUSH_CHARS, waiting for `out` to drain whenever it asks to
 * (backpressure): a slow client holds the source back, so memory holds one chunk and what the source buffers, however
 * many lines follow. Does not end `out`. Throws ClientGoneError once the client has gone.
 */
export async function writeLines(out: Writable, lines: AsyncIterable<string>): Promise<void> {
  let buffer = "";
  for await (const line of lines) {
    buffer += line;
    if (buffer.length >= FLUSH_CHARS) {
      await write(out, buffer);
      buffer = "";
    }
  }
  if (buffer) await write(out, buffer);
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new ClientGoneError();
  if (out.write(chunk)) return;
  await untilDrained(out);
}

/** Waits until `out` drains; ClientGoneError when it closes first (the client went away). */
export async function untilDrained(out: Writable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ClientGoneError());
    out.on("drain", onDrain);
    out.on("close", onClose);
  });
}
