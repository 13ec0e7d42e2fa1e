package io.twelvefactor.logging;

import org.slf4j.helpers.MDCAdapterTestBase;
import org.slf4j.spi.MDCAdapter;

/** SLF4J's own MDC adapter tests (from the slf4j-api test jar, JUnit 4) against this adapter. */
public class MdcAdapterConformanceTest extends MDCAdapterTestBase {

    /** Creates the test; JUnit 4 needs a public constructor. */
    public MdcAdapterConformanceTest() {
        super();
    }

    @Override
    protected MDCAdapter instantiateMDC() {
        return new MdcAdapter();
    }
}
