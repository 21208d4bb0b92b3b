import noBlockingInAsync from './no-blocking-in-async.js';
import noFireAndForget from './no-fire-and-forget.js';
import requireTaskMetadata from './require-task-metadata.js';

export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-fire-and-forget': noFireAndForget,
  'require-task-metadata': requireTaskMetadata,
};
