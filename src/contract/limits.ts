/**
 * Bounds the server enforces on what the browser sends; the site's dials
 * stay inside them so a reader never builds a request the server refuses.
 */

/** Longest latency or jitter a fault may inject, in ms. */
export const MAX_FAULT_DELAY_MS = 10_000;

/** Most requests a `ratelimit` fault may allow per period. */
export const MAX_FAULT_RATE_LIMIT = 100_000;

/** Longest `x-beamline-fault` value accepted. */
export const MAX_FAULT_SPEC_LENGTH = 512;

/**
 * Longest `x-beamline-session` value that keys server-side state; a longer
 * one is not a session (a random UUID is 36 characters).
 */
export const MAX_SESSION_LENGTH = 128;
