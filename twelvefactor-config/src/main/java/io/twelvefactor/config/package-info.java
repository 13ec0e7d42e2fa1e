/**
 * Typed configuration bound from environment variables (Twelve-Factor III).
 *
 * <p>Declare a record and call {@link io.twelvefactor.config.Env#bind(Class)} once at startup:
 * the result is a fully typed, immutable config, or one
 * {@link io.twelvefactor.config.ConfigException} listing every missing or malformed variable.
 * {@link io.twelvefactor.config.Secret} keeps values out of logs and messages;
 * {@link io.twelvefactor.config.Env#describe(Class)} documents the variables a config reads.
 * The binding rules are listed on {@link io.twelvefactor.config.Env}.
 */
package io.twelvefactor.config;
