import noBlockingInAsync from './no-blocking-in-async.js';
import requireTaskMetadata from './require-task-metadata.js';

export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'require-task-metadata': requireTaskMetadata,
};
