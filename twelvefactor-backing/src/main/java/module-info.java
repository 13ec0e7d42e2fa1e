/**
 * See the package documentation of {@code io.twelvefactor.backing}.
 */
module io.twelvefactor.backing {
    // "exports io.twelvefactor.backing;" arrives with the package's first public type:
    // javac rejects exporting a package that has no types yet.
}
