package com.tenantregistrar;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the app really logged during one test, after Quarkus' log levels and categories: register it with
 * {@code @RegisterExtension}. Each line keeps its level, logger, MDC correlation ID and stack trace.
 */
public class LogCapture extends Handler implements BeforeEachCallback, AfterEachCallback {

    /** One logged line. */
    public record Line(Level level, String logger, String message, String correlationId, String stackTrace) {

        /** The line as an operator reads it, stack trace included. */
        public String text() {
            return level + " [" + logger + "] [" + correlationId + "] " + message
                    + (stackTrace == null ? "" : "\n" + stackTrace);
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.clear();
        setLevel(Level.ALL);
        Logger.getLogger("").addHandler(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger.getLogger("").removeHandler(this);
    }

    /** Every line logged so far in this test. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The lines at {@code level} or above. */
    public List<Line> atLeast(Level level) {
        return lines.stream().filter(line -> line.level().intValue() >= level.intValue()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord ext = record instanceof ExtLogRecord e ? e : ExtLogRecord.wrap(record);
        String stackTrace = null;
        if (record.getThrown() != null) {
            StringWriter text = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(text));
            stackTrace = text.toString();
        }
        lines.add(new Line(standard(record.getLevel()), record.getLoggerName(), ext.getFormattedMessage(),
                ext.getMdc("correlationId"), stackTrace));
    }

    /** JBoss' levels (WARN, ERROR) as the standard ones they equal (WARNING, SEVERE), so tests can compare them. */
    private static Level standard(Level level) {
        int value = level.intValue();
        return value >= Level.SEVERE.intValue() ? Level.SEVERE
                : value >= Level.WARNING.intValue() ? Level.WARNING
                : value >= Level.INFO.intValue() ? Level.INFO : Level.FINE;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
