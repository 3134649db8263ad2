/** December evaluation: per-problem outcome, indicator change, continue or graduate, carry-over. */
export {};
