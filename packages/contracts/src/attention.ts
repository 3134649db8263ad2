/** Attention list: pairings needing Bappeda's attention. */
export {};
