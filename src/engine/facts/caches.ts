// Tier 1 facts for the cache-growth rules.
import type { SemanticModel } from './scope.js';
import type { CacheFacts } from './cache-types.js';

export function collectCacheFacts(_model: SemanticModel): CacheFacts {
  return {};
}
