import { readFileSync } from 'node:fs';
import { saveOrder, type Order } from '../src/lib/db.js';

// Reading the input once at startup, before any async work, is fine.
const input: Order[] = JSON.parse(readFileSync(process.argv[2] ?? 'orders.json', 'utf8'));

async function main(): Promise<void> {
  for (const order of input) {
    await saveOrder(order);
  }
  console.log(`backfilled ${input.length} orders`);
}

// The script's entry point: a top-level chain with a rejection handler.
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
