// Tier 1 facts for the reference-cycle rules.
import type { SemanticModel } from './scope.js';
import type { CycleFacts } from './cycle-types.js';

export function collectCycleFacts(_model: SemanticModel): CycleFacts {
  return {};
}
