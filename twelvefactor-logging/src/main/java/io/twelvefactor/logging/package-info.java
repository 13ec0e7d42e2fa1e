/**
 * An SLF4J 2 provider writing JSON lines to stdout (Twelve-Factor XI).
 */
package io.twelvefactor.logging;
