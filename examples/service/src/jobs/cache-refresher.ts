import { getBackgroundTaskManager, TaskPriority } from '../infra/background-manager.js';
import { listOpenOrders } from '../lib/db.js';

const cache = new Map<string, number>();

async function refreshOpenOrderTotals(): Promise<void> {
  for (const order of await listOpenOrders()) cache.set(order.id, order.total);
}

export function startCacheRefresher(): void {
  // Compliant: a categorised periodic task on the manager.
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'cache-refresher.open-order-totals',
    coroutine: refreshOpenOrderTotals,
    priority: TaskPriority.LOW,
    tags: { service: 'orders', type: 'cache-refresh', component: 'cache-refresher' },
    intervalMs: 60_000,
  });
}

export function startLegacyRefresher(): void {
  // The old way: a raw interval the manager cannot see or stop.
  setInterval(() => {
    refreshOpenOrderTotals();
  }, 30_000);
}

export function warmCache(): void {
  const tasks = getBackgroundTaskManager();
  tasks.submitEnhancedTask({
    taskId: 'cache-refresher.warm',
    coroutine: refreshOpenOrderTotals,
    priority: 'high',
    tags: { service: 'orders' },
  });
}

export function cachedTotal(id: string): number | undefined {
  return cache.get(id);
}
