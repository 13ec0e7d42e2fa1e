/**
 * Backing services attached by URL (Twelve-Factor IV).
 *
 * <p>{@link io.twelvefactor.backing.BackingService} is the descriptor of one service URL,
 * {@link io.twelvefactor.backing.Host} one of its hosts, {@link io.twelvefactor.backing.Tls}
 * what it asks of TLS, and {@link io.twelvefactor.backing.BackingServiceException} the one
 * exception this package throws for a URL that cannot be used.
 */
package io.twelvefactor.backing;
