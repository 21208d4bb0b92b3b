import noBlockingInAsync from './no-blocking-in-async.js';
import noFireAndForget from './no-fire-and-forget.js';

export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-fire-and-forget': noFireAndForget,
};
