/**
 * See the package documentation of {@code io.twelvefactor.config}.
 */
module io.twelvefactor.config {
    // "exports io.twelvefactor.config;" arrives with the package's first public type:
    // javac rejects exporting a package that has no types yet.
}
