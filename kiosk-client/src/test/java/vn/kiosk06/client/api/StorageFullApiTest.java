package vn.kiosk06.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.google.gson.JsonObject;
import vn.kiosk06.client.ClientApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.Reception;

/**
 * What the touchscreen learns when the device's disk is (nearly) full: a real app whose free-space reserve is set above
 * what the disk has, so the journal refuses as it would on a full SD card.
 */
class StorageFullApiTest {

    @TempDir
    Path dir;
    ClientApp app;
    final HttpClient http = HttpClient.newHttpClient();

    void start(long minFreeBytes) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        app = ClientApp.start(Map.of(
                "kiosk06.client.device-id", "kiosk-pq-01",
                "kiosk06.client.server", "127.0.0.1:" + closedPort,
                "kiosk06.client.data-dir", dir.toString(),
                "kiosk06.client.sync-interval", "1h",
                "kiosk06.client.journal-min-free-bytes", minFreeBytes,
                "micronaut.server.port", -1));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    JsonObject parse(String body) throws IOException {
        return JsonParser.parseString(body).getAsJsonObject();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    }

    HttpResponse<String> postReception() throws IOException, InterruptedException {
        return send(at("/api/v1/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}")));
    }

    @Test
    void postEvent_diskBelowReserve_answers507WithTheBacklogAndWhatToDo_andStatusSaysFull() throws Exception {
        start(Long.MAX_VALUE / 2);

        HttpResponse<String> refused = postReception();

        assertThat(refused.statusCode()).isEqualTo(507);
        JsonObject body = parse(refused.body());
        assertThat(body.get("error").getAsString()).startsWith("the device's storage is full:")
                .contains("nothing logged was dropped");
        assertThat(body.get("backlog").getAsLong()).isZero();
        assertThat(body.get("action").getAsString()).contains("sync").contains("free space on the SD card");

        JsonObject status = parse(send(at("/api/v1/status").GET()).body());
        assertThat(status.get("backlog").getAsLong()).as("existing fields still there").isZero();
        JsonObject storage = status.getAsJsonObject("storage");
        assertThat(storage.get("state").getAsString()).isEqualTo("FULL");
        assertThat(storage.get("message").getAsString()).startsWith("the device's storage is full:");
        assertThat(storage.get("freeBytes").getAsLong()).isPositive();
    }

    @Test
    void status_plentyOfRoom_saysOk_withTheJournalsShareOfItsLimit() throws Exception {
        start(0);

        assertThat(postReception().statusCode()).isEqualTo(201);

        JsonObject storage = parse(send(at("/api/v1/status").GET()).body()).getAsJsonObject("storage");
        assertThat(storage.get("state").getAsString()).isEqualTo("OK");
        assertThat(storage.get("message") != null).as("no message when all is well").isFalse();
        assertThat(storage.get("journalPercent").getAsInt()).isBetween(0, 1);
        assertThat(storage.get("journalMaxBytes").getAsLong()).isEqualTo(512L << 20);
        assertThat(storage.get("journalBytes").getAsLong()).isPositive();
    }

    @Test
    void start_onADamagedJournal_keepsServing_andStatusTellsTheTechnicianWhatWasSalvaged() throws Exception {
        Path journalFile = dir.resolve("journal.db");
        try (Journal journal = Journal.open(journalFile, JournalSettings.defaults(), SystemDeviceClock.start())) {
            for (int i = 0; i < 50; i++) {
                journal.append(Event.newBuilder().setReception(Reception.newBuilder().setCaseType(CaseType.BHYT)
                        .setDepartment("NOI")).build());
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(journalFile.toFile(), "rw")) {
            f.write(new byte[] {0x42, 0x42, 0x42, 0x42, 0x42, 0x42});   // the file header, as a bad SD card page leaves it
        }

        start(0);

        HttpResponse<String> accepted = postReception();
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(accepted.body()).as("after the 50 salvaged events and the salvage record").isEqualTo("{\"seq\":52}");
        String salvage = parse(send(at("/api/v1/status").GET()).body()).getAsJsonObject("storage").get("salvage").getAsString();
        assertThat(salvage).startsWith("the journal was damaged at start (").contains("50 events salvaged, none lost")
                .contains("kept on the device as journal.db.damaged-");
    }
}
