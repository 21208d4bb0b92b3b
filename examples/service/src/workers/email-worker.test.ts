import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EmailWorker } from './email-worker.js';

describe('EmailWorker', () => {
  it('stops polling when asked', async () => {
    const worker = new EmailWorker();
    const fixture = JSON.parse(readFileSync('fixtures/email.json', 'utf8'));
    worker.enqueue(fixture);
    const timer = setInterval(() => worker.stop(), 10);
    worker.run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    clearInterval(timer);
    expect(true).toBe(true);
  });
});
