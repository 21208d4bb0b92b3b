import noBlockingInAsync from './no-blocking-in-async.js';
import noRawServiceLoop from './no-raw-service-loop.js';

export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-raw-service-loop': noRawServiceLoop,
};
