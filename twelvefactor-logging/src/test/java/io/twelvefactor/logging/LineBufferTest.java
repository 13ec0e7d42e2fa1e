package io.twelvefactor.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineBufferTest {

    /**
     * Found by LoggingFuzzTest: the text format wrote line breaks of the application's text
     * as they were, so a logger name, message or exception message holding one split the event
     * into lines that look like other events (log injection).
     */
    @Test
    void theTextFormatEscapesLineBreaksInTheApplicationsText() {
        Capture text = new Capture("LOG_FORMAT", "text");
        text.factory.mdc.put("user", "ann\nINFO  [main] fake - mdc");
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        thread.setName("main\r\nthread");
        try {
            text.logger("svc\nlogger").atWarn().addKeyValue("k", "v\rw")
                    .setCause(new IllegalStateException("boom\n\tat fake.Frame(Fake.java:1)"))
                    .log("hello\n{}", "you\r\n");
        } finally {
            thread.setName(name);
        }
        List<String> lines = text.lines();
        String event = lines.get(0);
        assertTrue(event.endsWith("[main\\r\\nthread] svc\\nlogger - hello\\nyou\\r\\n"
                + " user=ann\\nINFO  [main] fake - mdc k=v\\rw"), event);
        assertEquals("java.lang.IllegalStateException: boom\\n\tat fake.Frame(Fake.java:1)", lines.get(1));
        for (String line : lines.subList(2, lines.size())) {
            assertTrue(line.startsWith("\tat "), line);
        }
        assertTrue(lines.size() > 3, "the stack trace still has its own lines: " + lines);
    }
}
