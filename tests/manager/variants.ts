import type * as tsManager from '../../src/templates/background-manager.js';

export function loadVariants(): [string, typeof tsManager][] {
  return [];
}
