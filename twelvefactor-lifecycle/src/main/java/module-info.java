/**
 * See the package documentation of {@code io.twelvefactor.lifecycle}.
 */
module io.twelvefactor.lifecycle {
    // "exports io.twelvefactor.lifecycle;" arrives with the package's first public type:
    // javac rejects exporting a package that has no types yet.
}
