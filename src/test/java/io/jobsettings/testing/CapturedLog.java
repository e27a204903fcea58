package io.jobsettings.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * What one class of the function set logs while a test runs, with each line's MDC keys, for tests whose only
 * observable outcome is a log line (a message refused and dropped, say). Close it to stop listening.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    /** One log line: its formatted message, the MDC key a test asked for, its level and its whole MDC. */
    public record Line(String message, String mdcValue, Level level, Map<String, String> mdc) {
    }

    private final Logger logger;
    private final String mdcKey;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger, String mdcKey) {
        this.logger = logger;
        this.mdcKey = mdcKey;
    }

    /** Listens to what {@code source} logs, keeping the value of {@code mdcKey} on each line. */
    public static CapturedLog of(Class<?> source, String mdcKey) {
        CapturedLog log = new CapturedLog(Logger.getLogger(source.getName()), mdcKey);
        log.logger.addHandler(log);
        return log;
    }

    /** The messages logged while {@code mdcKey} had the value {@code value}. */
    public List<String> messagesWhere(String value) {
        return linesWhere(value).stream().map(Line::message).toList();
    }

    /** The lines logged while {@code mdcKey} had the value {@code value}. */
    public List<Line> linesWhere(String value) {
        return lines.stream().filter(line -> value.equals(line.mdcValue())).toList();
    }

    @Override
    public void publish(LogRecord record) {
        String mdcValue = record instanceof ExtLogRecord ext ? ext.getMdc(mdcKey) : null;
        Map<String, String> mdc = record instanceof ExtLogRecord ext ? Map.copyOf(ext.getMdcCopy()) : Map.of();
        lines.add(new Line(formatted(record), mdcValue, record.getLevel(), mdc));
    }

    private static String formatted(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }

    @Override
    public void flush() {
        // Nothing is buffered.
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
