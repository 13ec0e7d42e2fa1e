/**
 * Backing services attached by URL (Twelve-Factor IV).
 */
package io.twelvefactor.backing;
