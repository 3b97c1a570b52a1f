// Per-file facts for the reference-cycle rules (filled in by that family's collector).

export interface CycleFacts {}
