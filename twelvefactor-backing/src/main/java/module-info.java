/**
 * Backing services attached by URL (Twelve-Factor IV): {@code DATABASE_URL},
 * {@code REDIS_URL}, {@code AMQP_URL}… parsed into typed descriptors that real clients
 * accept. See {@link io.twelvefactor.backing.BackingService}.
 */
module io.twelvefactor.backing {
    exports io.twelvefactor.backing;
}
