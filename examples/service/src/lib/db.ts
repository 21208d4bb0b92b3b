export interface Order {
  id: string;
  customerId: string;
  total: number;
  status: 'open' | 'paid' | 'shipped';
}

const orders = new Map<string, Order>();

export async function findOrder(id: string): Promise<Order | undefined> {
  return orders.get(id);
}

export async function saveOrder(order: Order): Promise<void> {
  orders.set(order.id, order);
}

export async function listOpenOrders(): Promise<Order[]> {
  return [...orders.values()].filter((order) => order.status === 'open');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
