/** Monthly reports: draft, submit, accept or return, lock and unlock. */
export {};
