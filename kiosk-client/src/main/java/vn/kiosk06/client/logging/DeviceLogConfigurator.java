package vn.kiosk06.client.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;
import java.util.Locale;
import vn.kiosk06.client.files.OwnerOnly;

/**
 * The device app's logging, set up in code (logback finds it through {@code META-INF/services}) rather than from a
 * logback.xml: parsing XML loads ~670 classes of logback's configuration engine and the JDK's XML parser at every
 * start, a fifth of a second and megabytes of class metadata on a Pi.
 *
 * <p>One line per event, to stdout (the journal under systemd) and, when a log directory is configured, to rotating
 * files. Format: {@code kiosk06.log.format} / {@code KIOSK06_LOG_FORMAT} = {@code plain} | {@code logfmt}
 * ({@code key=value}) | {@code json}. Directory: {@code kiosk06.log.dir} / {@code KIOSK06_LOG_DIR}
 * ({@code log-format:} and {@code log-dir:} in client.yml set both): {@code kiosk06-client.log} in logfmt, rotated
 * daily and at 50 MB, 14 days, 1 GB at most, gzip. Messages carry ids and counts, never personal data: events are
 * pseudonymised on the device. A logback.xml on the classpath (of an app that embeds the client) or a
 * {@code -Dlogback.configurationFile} given by hand wins.
 */
public final class DeviceLogConfigurator extends ContextAwareBase implements Configurator {

    static final String PLAIN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %replace(%msg){'[\\r\\n]+', ' '}%n";
    static final String LOGFMT = "ts=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} level=%level logger=%logger{0} thread=\"%thread\" "
            + "msg=\"%replace(%replace(%msg){'\"', '\\\\\"'}){'[\\r\\n]+', ' '}\" %replace(%ex{short}){'[\\r\\n\\t]+', ' '}%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // The client jar ships no logback.xml: one on the classpath belongs to an app that embeds the client (the
        // bench, the end-to-end tests) and wins, as does a -Dlogback.configurationFile given by hand.
        ClassLoader loader = DeviceLogConfigurator.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Logback's own status lines are not log events.
        context.getStatusManager().add(new NopStatusListener());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        context.getLogger("io.grpc.okhttp").setLevel(Level.WARN);
        // Pi4J logs its own start-up and, off a Pi, errors about /proc/device-tree; GpioFactory says in one line
        // which GPIO provider runs.
        context.getLogger("com.pi4j").setLevel(Level.WARN);
        context.getLogger("com.pi4j.boardinfo").setLevel(Level.OFF);

        String format = setting("kiosk06.log.format", "KIOSK06_LOG_FORMAT").toLowerCase(Locale.ROOT);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        start(context, console, "console", switch (format) {
            case "json" -> json(context);
            case "logfmt" -> pattern(context, LOGFMT);
            default -> pattern(context, PLAIN);
        });
        root.addAppender(console);

        String dir = setting("kiosk06.log.dir", "KIOSK06_LOG_DIR");
        if (!dir.isEmpty()) {
            RollingFileAppender<ILoggingEvent> files = new RollingFileAppender<>() {
                @Override
                public void openFile(String fileName) throws java.io.IOException {
                    OwnerOnly.file(java.nio.file.Path.of(fileName)); // 0600 at start and at every rollover
                    super.openFile(fileName);
                }
            };
            files.setContext(context);
            files.setFile(dir + "/kiosk06-client.log");
            SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
            policy.setContext(context);
            policy.setParent(files);
            policy.setFileNamePattern(dir + "/kiosk06-client.%d{yyyy-MM-dd}.%i.log.gz");
            policy.setMaxFileSize(FileSize.valueOf("50MB"));
            policy.setMaxHistory(14);
            policy.setTotalSizeCap(FileSize.valueOf("1GB"));
            policy.start();
            files.setRollingPolicy(policy);
            start(context, files, "files", pattern(context, LOGFMT));
            root.addAppender(files);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A system property, else an environment variable, else blank. */
    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null ? "" : value.trim();
    }

    private static Encoder<ILoggingEvent> pattern(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.start();
        return encoder;
    }

    private static void start(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender, String name,
                              Encoder<ILoggingEvent> encoder) {
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
    }
}
