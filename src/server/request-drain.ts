import type { NextFunction, Request, Response } from "express";
import { ErrorCode } from "../errors/error-code.js";
import { sendProblemFor } from "./routes/http-problem.js";

/** Seconds a client is told to wait before it retries a request refused during shutdown (on another instance). */
const RETRY_AFTER_S = 5;

/**
 * The HTTP side of a clean shutdown. Counts the requests in flight; once `begin` is called (SIGTERM), `/readyz`
 * answers 503 (the app asks `draining`), every new request is refused with 503 SERVICE_UNAVAILABLE, `Retry-After` and
 * `Connection: close`, and `drained` resolves when the requests already running have finished, or at the deadline.
 */
export class RequestDrain {
  private inFlight = 0;
  private draining = false;
  private readonly waiters = new Set<() => void>();

  get isDraining(): boolean {
    return this.draining;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  begin(): void {
    this.draining = true;
  }

  /** Resolves true when no request is in flight any more, false when `deadline` (epoch ms) came first. */
  async drained(deadline: number): Promise<boolean> {
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(
        () => {
          this.waiters.delete(done);
          resolve(this.inFlight === 0);
        },
        Math.max(0, deadline - Date.now()),
      );
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(true);
      };
      this.waiters.add(done);
    });
  }

  /** Mounted before every route but the health checks. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (this.draining) {
        res.set("Retry-After", String(RETRY_AFTER_S)).set("Connection", "close");
        sendProblemFor(req, res, {
          status: 503,
          code: ErrorCode.SERVICE_UNAVAILABLE,
          message: "This server is shutting down; retry shortly (another instance, or this one once restarted).",
        });
        return;
      }
      this.inFlight++;
      let counted = true;
      const finished = () => {
        if (!counted) return;
        counted = false;
        this.inFlight--;
        if (this.inFlight === 0) for (const waiter of [...this.waiters]) waiter();
      };
      res.once("finish", finished);
      res.once("close", finished);
      next();
    };
  }
}
