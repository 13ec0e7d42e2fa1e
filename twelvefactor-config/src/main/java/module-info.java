/**
 * Typed configuration bound from environment variables: {@code Env.bind(AppConfig.class)}.
 * See {@link io.twelvefactor.config.Env}.
 */
module io.twelvefactor.config {
    exports io.twelvefactor.config;
}
