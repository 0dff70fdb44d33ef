package vn.kiosk06.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.db.StoreException;

/**
 * What a device reads when the server fails in a way the device cannot fix: an error id, never the exception's
 * message (class names, file paths); the log line with the same id has the stack trace. The mapping is called
 * directly: no real request makes the ingest path throw an unexpected exception on purpose.
 */
class IngestErrorInterceptorTest {

    static final Pattern ID = Pattern.compile("internal error ([0-9a-f]{12})");
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(IngestErrorInterceptor.class);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    @Test
    void unexpectedFailure_isInternalWithAnErrorId_andTheLogHasTheIdWithTheStackTrace() {
        Status s = IngestErrorInterceptor.toStatus("kiosk06.sync.v1.SyncService/Upload",
                new IllegalStateException("java.nio.file.AccessDeniedException: /var/lib/kiosk06/server/kiosk06.db"));

        assertThat(s.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(s.getDescription()).doesNotContain("/var/lib").doesNotContain("Exception");
        assertOneLogLineCarries(s.getDescription());
    }

    @Test
    void aMessageOverGrpcsSizeLimitWhileParsing_isResourceExhausted_notInternal() {
        // found by GrpcFuzzTest (seed 88804006546059): a gzip batch that inflates past 4 MiB while it is parsed
        Status s = IngestErrorInterceptor.toStatus("kiosk06.sync.v1.SyncService/Upload", new io.grpc.StatusRuntimeException(
                Status.RESOURCE_EXHAUSTED.withDescription("Decompressed gRPC message exceeds maximum size 4194304")));

        assertThat(s.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(s.getDescription()).contains("exceeds maximum size");
    }

    @Test
    void storeFailure_isUnavailable_saysNothingWasAcked_withAnErrorId_notTheCause() {
        Status s = IngestErrorInterceptor.toStatus("kiosk06.sync.v1.SyncService/Upload",
                new StoreException("store commit failed: [SQLITE_IOERR] /var/lib/kiosk06/server/kiosk06.db-wal",
                        new java.sql.SQLException("disk I/O error")));

        assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(s.getDescription()).contains("nothing was acked").doesNotContain("/var/lib").doesNotContain("SQLITE");
        assertOneLogLineCarries(s.getDescription());
    }

    void assertOneLogLineCarries(String description) {
        Matcher id = ID.matcher(description);
        assertThat(id.find()).as(description).isTrue();
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains(id.group(1))).singleElement()
                .satisfies(e -> assertThat(e.getThrowableProxy()).isNotNull());
    }
}
