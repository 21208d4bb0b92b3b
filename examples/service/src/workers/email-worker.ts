import { sleep } from '../lib/db.js';

interface EmailJob {
  to: string;
  template: string;
}

export class EmailWorker {
  private stopped = false;
  private readonly pending: EmailJob[] = [];

  enqueue(job: EmailJob): void {
    this.pending.push(job);
  }

  async run(): Promise<void> {
    // A hand-rolled polling loop: no priority, no retries, no graceful shutdown.
    while (!this.stopped) {
      const job = this.pending.shift();
      if (job) await this.send(job);
      this.flushMetrics();
      await sleep(1_000);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private async send(job: EmailJob): Promise<void> {
    console.log(`sending ${job.template} to ${job.to}`);
  }

  private async flushMetrics(): Promise<void> {
    console.log(`email queue depth ${this.pending.length}`);
  }
}
