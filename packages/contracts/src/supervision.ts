/** Supervision (pengawasan): visits, follow-ups, spot-checks. */
export {};
