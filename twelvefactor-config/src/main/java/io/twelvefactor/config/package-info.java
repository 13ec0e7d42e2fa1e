/**
 * Typed configuration bound from environment variables (Twelve-Factor III).
 */
package io.twelvefactor.config;
