import express from 'express';
import { readFileSync } from 'node:fs';
import { findOrder, saveOrder } from '../lib/db.js';
import { notifyWarehouse, recordAudit } from '../lib/audit.js';

export const router = express.Router();

router.get('/orders/:id', async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) return res.status(404).end();
  // Short-lived work inside a request handler is allowed to run on its own.
  recordAudit('order.viewed', { id: order.id });
  res.json(order);
});

router.post('/orders/:id/pay', async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) return res.status(404).end();
  await saveOrder({ ...order, status: 'paid' });
  await Promise.all([recordAudit('order.paid', { id: order.id }), notifyWarehouse(order.id)]);
  res.status(204).end();
});

router.get('/orders/:id/invoice', async (req, res) => {
  // Blocks every other request while the template is read.
  const template = readFileSync('templates/invoice.html', 'utf8');
  res.type('html').send(template.replace('{{id}}', req.params.id));
});

router.get('/orders/:id/track', async (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  // A timer started per request leaks when the client disconnects.
  setInterval(async () => {
    const order = await findOrder(req.params.id);
    res.write(`data: ${order?.status}\n\n`);
  }, 5_000);
});
