import type { CaptureJobRecord, CaptureJobRepository } from "../graph/capture-job.repository.js";

export type { CaptureJobRecord };

/** The capture jobs of the EPCIS REST binding (`POST /epcis/capture` answers 202 and a job to poll). */
export class CaptureJobService {
  constructor(private readonly repository: CaptureJobRepository) {}

  async create(id: string, total: number): Promise<void> {
    await this.repository.create(id, total);
  }

  async finish(id: string, result: Pick<CaptureJobRecord, "status" | "accepted" | "duplicates" | "errors">) {
    await this.repository.finish(id, result);
  }

  async find(id: string): Promise<CaptureJobRecord | null> {
    return this.repository.find(id);
  }
}
