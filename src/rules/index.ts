// The built-in rule registry: sorted by code, frozen.
import type { Rule } from '../engine/run/rule.js';
import PSL202 from './PSL202-method-cache-holds-self.js';

export const builtinRules: readonly Rule[] = Object.freeze(
  [PSL202].sort((a, b) => (a.code < b.code ? -1 : 1)),
);
