package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.client.enroll.EnrollCommand;
import vn.kiosk06.hardware.identity.Sex;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SocatPair;
import vn.kiosk06.hardware.sim.ReaderSimulator;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;
import vn.kiosk06.server.main.ServerMain;
import vn.kiosk06.server.admin.AdminCommand;

/**
 * The audit's attack on a stolen device, run for real. An enrolled kiosk and an enrolled field handheld read synthetic
 * people's cards (CCCD and BHYT QR codes over a serial scanner), the field team saves activities for them, both sync
 * over TLS. Then the attacker takes each device's whole data directory (journal, WAL, credential, config, logs) and
 * every key it can find there, enumerates the synthetic people's ID space (here 10⁴ personal IDs and 10⁴ social-
 * insurance numbers that contain every real one) and looks for any stored or journaled value that a candidate ID
 * produces — HMAC-SHA256 with each key, SHA-256 with and without it, the raw and the packed number, in binary, hex or
 * base64 — and finds none. The same search with the server's citizen key does find the people in the server's store
 * (so the search would have found them on a device that held that key, as before), and the server's report counts
 * each person once although both devices served them.
 */
class CitizenKeyAttackTest {

    /** Every personal ID in the test is 00109012xxxx; every social-insurance number 0790123xxx. */
    private static final String ID_PREFIX = "00109012";
    private static final String INSURANCE_PREFIX = "079012";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;

    @Test
    void stolenDevices_dataDirectoriesAndKeys_revealNoCitizen_whileTheServerCountsEachOnceAcrossTwoDevices() throws Exception {
        List<SyntheticPerson> people = people();
        Path kioskData = dir.resolve("kiosk");
        Path fieldData = dir.resolve("field");
        ByteArrayOutputStream simulatorReport = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(simulatorReport, true, StandardCharsets.UTF_8);
        long uniqueCitizens;
        Files.createDirectories(dir.resolve("pty-k"));
        Files.createDirectories(dir.resolve("pty-f"));
        try (SecureServer server = new SecureServer(dir); SocatPair kioskPty = new SocatPair(dir.resolve("pty-k"));
             SocatPair fieldPty = new SocatPair(dir.resolve("pty-f"))) {
            int kioskHttp = JavaProcess.freePort();
            int fieldHttp = JavaProcess.freePort();
            Path kioskConfig = deviceConfig(server, "kiosk-pq-01", kioskData, kioskHttp, "kiosk", kioskPty);
            Path fieldConfig = deviceConfig(server, "demo-field-01", fieldData, fieldHttp, "field", fieldPty);
            try (JavaProcess kiosk = JavaProcess.start(dir.resolve("kiosk.log"), "kiosk06.client.jar", "--config",
                    kioskConfig.toString());
                 JavaProcess field = JavaProcess.start(dir.resolve("field.log"), "kiosk06.client.jar", "--config",
                    fieldConfig.toString())) {
                String kioskApi = "http://127.0.0.1:" + kioskHttp;
                String fieldApi = "http://127.0.0.1:" + fieldHttp;
                awaitReader(kiosk, kioskApi);
                awaitReader(field, fieldApi);

                // Kiosk: four people show their CCCD, the fifth only a BHYT card.
                List<String> script = new ArrayList<>();
                for (SyntheticPerson p : people.subList(0, 4)) {
                    script.add("raw " + p.cccdQr());
                    script.add("wait 200");
                }
                script.add("raw " + people.get(4).bhytQr());
                new ReaderSimulator(Framing.LINE, ReaderProfile.QR, new Random(1), kioskPty::deviceWrites, ms -> { }, report)
                        .run(script);

                // Field: the team starts its shift; three of the same people are helped, each card scanned and saved.
                assertThat(Http.post(fieldApi + "/api/v1/field/shift", "{\"team\":\"TCNS-AP1\",\"area\":\"Ấp 1\"}")
                        .statusCode()).isEqualTo(200);
                for (SyntheticPerson p : people.subList(0, 3)) {
                    new ReaderSimulator(Framing.LINE, ReaderProfile.QR, new Random(2), fieldPty::deviceWrites, ms -> { },
                            report).run(List.of("raw " + p.cccdQr()));
                    await("field form filled from the card").atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> Http.get(fieldApi + "/api/v1/field").body().contains("\"source\":\"CARD\""));
                    assertThat(Http.post(fieldApi + "/api/v1/field/save",
                            "{\"activities\":[\"VNEID_L2_ACTIVATION\",\"EHEALTH_BOOK\"]}").body()).contains("SAVED");
                }
                awaitSynced(kioskApi, 5);
                awaitSynced(fieldApi, 3);

                // The attacker copies the directories while the apps run (the WAL as it is) …
                copy(kioskData, dir.resolve("stolen-running/kiosk"));
                copy(fieldData, dir.resolve("stolen-running/field"));

                String today = LocalDate.now(VIETNAM).toString();
                String figures = server.admin().body("/api/v1/report?unit=AG&period=window:" + today + ".." + today);
                uniqueCitizens = number(figures, "uniqueCitizens");
            }
            // … and once they are stopped.
        }

        // Not vacuous: the search finds every person when it is given the key devices used to hold.
        byte[] citizenKey = Files.readAllBytes(dir.resolve("server/citizen-key.secret"));
        Attack withServerKey = new Attack(Map.of("the server's citizen key", citizenKey));
        List<String> onServer = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("server"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("kiosk06.db")).toList()) {
                onServer.addAll(withServerKey.matches(f));
            }
        }
        assertThat(onServer).as("the server's store, searched with its citizen key").isNotEmpty();
        for (SyntheticPerson p : people) {
            String number = p.idNumber().equals(people.get(4).idNumber()) ? p.bhytNumber() : p.idNumber();
            assertThat(onServer).as("found " + number).anySatisfy(hit -> assertThat(hit).contains(number + " HMAC"));
        }
        assertThat(new String(simulatorReport.toByteArray(), StandardCharsets.UTF_8)).contains(people.get(0).idNumber());

        for (String device : List.of("kiosk", "field")) {
            for (Path stolen : List.of(dir.resolve(device), dir.resolve("stolen-running").resolve(device))) {
                Map<String, byte[]> keys = keysFoundIn(stolen);
                keys.putAll(keysFoundIn(dir.resolve(device + ".yml").getParent()));
                assertThat(keys).as("keys found on " + stolen).isNotEmpty();
                Attack attack = new Attack(keys);
                List<String> found = new ArrayList<>();
                try (Stream<Path> files = Files.walk(stolen)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        found.addAll(attack.matches(f));
                    }
                }
                found.addAll(attack.matches(dir.resolve(device + ".log")));
                assertThat(found).as("candidate IDs matched on " + stolen + " with keys " + keys.keySet()).isEmpty();
            }
        }
        assertThat(Files.readString(DeviceCredential.file(dir.resolve("kiosk")))).doesNotContain("citizen-key");
        assertThat(uniqueCitizens).as("five people, three served by both devices, counted once each").isEqualTo(5);
    }

    /** Five people whose numbers lie in the small candidate space the attack enumerates. */
    private static List<SyntheticPerson> people() {
        SyntheticPeople generator = new SyntheticPeople(new Random(19_2026));
        Random random = new Random(19);
        List<SyntheticPerson> people = new ArrayList<>();
        while (people.size() < 5) {
            SyntheticPerson p = generator.born(LocalDate.of(1990, 1, 2).plusDays(random.nextInt(360)), Sex.MALE);
            String id = ID_PREFIX + String.format("%04d", random.nextInt(10_000));
            String insurance = INSURANCE_PREFIX + String.format("%04d", random.nextInt(10_000));
            people.add(new SyntheticPerson(id, p.oldIdNumber(), p.fullName(), p.birthDate(), p.sex(), p.address(),
                    p.issueDate(), insurance));
        }
        return people;
    }

    /** Registers and enrolls {@code deviceId} (an id in the demo org tree) and writes its config file. */
    private Path deviceConfig(SecureServer server, String deviceId, Path data, int http, String mode, SocatPair pty)
            throws IOException {
        StringWriter adminOut = new StringWriter();
        assertThat(ServerMain.commandLine(new AdminCommand(System.in, null, System.out, System.err)).setOut(new PrintWriter(adminOut)).execute("admin", "device", "add",
                "--data-dir", server.dataDir.toString(), "--device-id", deviceId, "--unit", "PQ",
                "--address", server.target())).isZero();
        String code = adminOut.toString().lines().map(String::strip).filter(l -> l.startsWith("K6-")).findFirst().orElseThrow();
        assertThat(new CommandLine(new EnrollCommand()).execute("--code", code, "--data-dir", data.toString())).isZero();
        Path config = dir.resolve(mode + ".yml");
        Files.writeString(config, """
                device-id: %s
                server: %s
                data-dir: %s
                http-port: %d
                mode: %s
                sync-interval: 1s
                gpio: off
                qr-reader: %s
                qr-reader-framing: line
                teams: TCNS-AP1
                areas: Ấp 1
                """.formatted(deviceId, server.target(), data, http, mode, pty.hostPath()));
        return config;
    }

    /** Waits for the device's scanner; when it never comes, fails with what the device said (its log dies with the run). */
    private static void awaitReader(JavaProcess device, String api) throws IOException, InterruptedException {
        try {
            await("device up with its scanner").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Http.answers(api + "/api/v1/status")
                            && Http.get(api + "/api/v1/status").body().contains("\"connected\":true"));
        } catch (ConditionTimeoutException e) {
            List<String> lines = new String(Files.readAllBytes(device.log().toPath()), StandardCharsets.UTF_8).lines().toList();
            String status = Http.answers(api + "/api/v1/status") ? Http.get(api + "/api/v1/status").body() : "no answer";
            throw new AssertionError("the device at " + api + " did not report its scanner connected within 90 s (process "
                    + (device.alive() ? "running" : "exited") + "); status: " + status + "; the end of its log:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())), e);
        }
    }

    private static void awaitSynced(String api, int reads) {
        await("reads journaled and synced").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String status = Http.get(api + "/api/v1/status").body();
                    return status.contains("\"readsOk\":" + reads) && status.contains("\"backlog\":0");
                });
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /**
     * Every value on a device that could be a key: each property of its properties files (raw text, and base64 or
     * hex decoded), each whole small file (a *.secret), and each config line's value.
     */
    private static Map<String, byte[]> keysFoundIn(Path directory) throws IOException {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(directory, 1)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (Files.size(f) <= 256) {
                    keys.put(name + " (whole file)", Files.readAllBytes(f));
                }
                if (name.endsWith(".properties")) {
                    Properties p = new Properties();
                    try (var r = Files.newBufferedReader(f)) {
                        p.load(r);
                    }
                    for (String k : p.stringPropertyNames()) {
                        addDecodings(keys, name + ":" + k, p.getProperty(k).strip());
                    }
                }
                if (name.endsWith(".yml")) {
                    for (String line : Files.readAllLines(f)) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            addDecodings(keys, name + ":" + line.substring(0, colon), line.substring(colon + 1).strip());
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static void addDecodings(Map<String, byte[]> keys, String name, String value) {
        if (value.isEmpty()) {
            return;
        }
        keys.put(name, value.getBytes(StandardCharsets.UTF_8));
        try {
            keys.put(name + " (base64)", Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            // not base64
        }
        try {
            keys.put(name + " (hex)", HexFormat.of().parseHex(value));
        } catch (IllegalArgumentException e) {
            // not hex
        }
    }

    /**
     * The dictionary attack: every candidate number, through every function an implementation might have used, with
     * and without every key; a match is any file holding the first 12 bytes of a result, in binary, hex or base64.
     */
    private static final class Attack {
        private static final int PROBE = 12;
        private final Map<ByteBuffer, String> probes = new java.util.HashMap<>();

        Attack(Map<String, byte[]> keys) throws GeneralSecurityException {
            List<String> candidates = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                candidates.add(ID_PREFIX + String.format("%04d", i));
                candidates.add(INSURANCE_PREFIX + String.format("%04d", i));
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String candidate : candidates) {
                byte[] number = candidate.getBytes(StandardCharsets.US_ASCII);
                add(sha256.digest(number), candidate + " SHA-256");
                add(packed(candidate), candidate + " packed");
                for (Map.Entry<String, byte[]> key : keys.entrySet()) {
                    if (key.getValue().length == 0) {
                        continue;
                    }
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key.getValue(), "HmacSHA256"));
                    add(mac.doFinal(number), candidate + " HMAC with " + key.getKey());
                    sha256.update(key.getValue());
                    add(sha256.digest(number), candidate + " SHA-256 with " + key.getKey());
                }
            }
        }

        private void add(byte[] digest, String what) {
            probes.put(ByteBuffer.wrap(Arrays.copyOf(digest, Math.min(PROBE, digest.length))), what);
        }

        /** As a seal's plaintext packs it: the kind (1: 12 digits, 2: 10 digits), then a 5-byte integer. */
        private static byte[] packed(String number) {
            long value = Long.parseLong(number);
            byte[] out = new byte[6];
            out[0] = (byte) (number.length() == 12 ? 1 : 2);
            for (int i = 5; i >= 1; i--) {
                out[i] = (byte) value;
                value >>>= 8;
            }
            return out;
        }

        /** What of {@code file} matches a candidate: raw bytes, and text runs decoded from hex or base64. */
        List<String> matches(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            List<String> found = new ArrayList<>(scan(bytes, file + " (binary)"));
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            Matcher hex = Pattern.compile("[0-9a-fA-F]{12,}").matcher(text);
            while (hex.find()) {
                String run = hex.group();
                found.addAll(scan(HexFormat.of().parseHex(run.substring(0, run.length() & ~1)), file + " (hex)"));
            }
            Matcher b64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}").matcher(text);
            while (b64.find()) {
                String run = b64.group().replace('-', '+').replace('_', '/');
                for (int shift = 0; shift < 4; shift++) {
                    String part = run.substring(shift);
                    part = part.substring(0, part.length() & ~3);
                    try {
                        found.addAll(scan(Base64.getDecoder().decode(part), file + " (base64)"));
                    } catch (IllegalArgumentException e) {
                        // not base64 here
                    }
                }
            }
            // The plain numbers themselves, as text.
            for (int i = 0; i + ID_PREFIX.length() <= text.length(); i++) {
                if (text.startsWith(ID_PREFIX, i) || text.startsWith(INSURANCE_PREFIX, i)) {
                    found.add(file + ": a number of the candidate space in clear at " + i);
                }
            }
            return found;
        }

        private List<String> scan(byte[] bytes, String where) {
            List<String> found = new ArrayList<>();
            // The packed number is only 6 bytes: probe it with its own length, the digests with PROBE bytes.
            for (int i = 0; i + 6 <= bytes.length; i++) {
                int offset = i;
                for (int len : new int[] {6, PROBE}) {
                    if (i + len <= bytes.length) {
                        Optional.ofNullable(probes.get(ByteBuffer.wrap(bytes, i, len).slice()))
                                .ifPresent(what -> found.add(where + " at " + offset + ": " + what));
                    }
                }
            }
            return found;
        }
    }
}
