// The built-in rule registry: sorted by code, frozen.
import type { Rule } from '../engine/run/rule.js';
import PSL001 from './PSL001-unused-noqa.js';
import PSL101 from './PSL101-bulk-transform-chain.js';
import PSL102 from './PSL102-materialized-return.js';
import PSL103 from './PSL103-copy-on-transform.js';
import PSL104 from './PSL104-eager-materialization.js';
import PSL105 from './PSL105-full-fetch.js';
import PSL201 from './PSL201-unbounded-cache.js';
import PSL202 from './PSL202-method-cache-holds-self.js';
import PSL203 from './PSL203-ttl-cache-never-evicts.js';
import PSL204 from './PSL204-growing-module-container.js';
import PSL301 from './PSL301-parent-child-cycle.js';
import PSL302 from './PSL302-self-reference-cycle.js';
import PSL303 from './PSL303-finalizer-in-cycle.js';
import PSL304 from './PSL304-exception-reference-cycle.js';

export const builtinRules: readonly Rule[] = Object.freeze(
  [PSL001, PSL101, PSL102, PSL103, PSL104, PSL105, PSL201, PSL202, PSL203, PSL204, PSL301, PSL302, PSL303, PSL304].sort((a, b) => (a.code < b.code ? -1 : 1)),
);
