// Tier 1 facts for the bulk-transform rules.
import type { SemanticModel } from './scope.js';
import type { BulkFacts } from './bulk-types.js';

export function collectBulkFacts(_model: SemanticModel): BulkFacts {
  return {};
}
