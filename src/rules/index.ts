import noBlockingInAsync from './no-blocking-in-async.js';

export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
};
