/**
 * Graceful, signal-aware shutdown with one budget (Twelve-Factor IX).
 */
package io.twelvefactor.lifecycle;
