export async function recordAudit(event: string, detail: Record<string, unknown>): Promise<void> {
  console.log(JSON.stringify({ at: new Date().toISOString(), event, ...detail }));
}

export async function notifyWarehouse(orderId: string): Promise<void> {
  console.log(`warehouse notified for ${orderId}`);
}
