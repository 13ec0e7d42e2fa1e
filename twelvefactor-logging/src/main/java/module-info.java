/**
 * See the package documentation of {@code io.twelvefactor.logging}.
 */
module io.twelvefactor.logging {
    requires org.slf4j;
    // "exports io.twelvefactor.logging;" arrives with the package's first public type.
}
