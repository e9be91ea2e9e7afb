// How often instances speak and how long their word lasts. A dead instance's lease runs out
// after LEASE_MS; the others notice at their next balance pass and take its monitors, so a
// monitor goes unchecked for at most about LEASE_MS + BALANCE_MS + its own interval.

/** An instance renews its lease this often. */
export const HEARTBEAT_MS = 2000;
/** A lease not renewed for this long is void: the instance counts as dead. */
export const LEASE_MS = 8000;
/**
 * An instance that could not renew its lease for this long stops checking on its own, before
 * the lease runs out and another instance may take its monitors: never two owners at once.
 */
export const FENCE_MS = 5000;
/** Ownership is rebalanced this often (and at once when a monitor signal arrives). */
export const BALANCE_MS = 2000;
/** Where signals can be lost (PostgreSQL), owners also compare revisions this often. */
export const RECONCILE_MS = 5000;
/** Where signals can be lost, waiting commands are also looked for this often. */
export const COMMAND_POLL_MS = 1000;
/** Monitors claimed in one pass at most (their first checks are spread in any case). */
export const CLAIM_BATCH = 10_000;
