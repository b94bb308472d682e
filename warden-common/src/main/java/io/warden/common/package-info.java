/**
 * Small values and services every module shares: zxid and id arithmetic, the clock and the
 * randomness that are passed into the deterministic core, and always-on invariant checks.
 */
package io.warden.common;
