package vn.kiosk06.bench.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Plays a morning at a hospital kiosk and a door-to-door team through the devices' local APIs, as their
 * touchscreen UIs would: each patient's card read, reception, transaction code and (fee-paying) payment; each
 * citizen's card read and the activities the team helped with. Citizens appear only as random keys. Not thread-safe:
 * one demo, one thread.
 */
final class DemoTraffic {

    private static final List<String> DEPARTMENTS = List.of("NOI", "NGOAI", "NHI", "SAN", "RHM");
    private static final List<String> ACTIVITIES = List.of("VNEID_L2_ACTIVATION", "BHYT_INTEGRATION", "EHEALTH_BOOK",
            "ONLINE_SERVICE_HELP");

    private final HttpClient http;
    private final Random random;
    private final PrintStream out;
    private int posted;

    DemoTraffic(HttpClient http, Random random, PrintStream out) {
        this.http = http;
        this.random = random;
        this.out = out;
    }

    /** Receives {@code patients} at the kiosk whose API is at {@code kiosk} (base URL); prints one summary line. */
    void kioskMorning(String kiosk, int patients) throws IOException, InterruptedException {
        int bhyt = 0;
        int fee = 0;
        long feeTotal = 0;
        for (int i = 0; i < patients; i++) {
            String key = citizenKey();
            if (random.nextInt(20) == 0) {
                post(kiosk, "{\"cardRead\":{\"readerKind\":\"READER_QR\",\"outcome\":\"READ_FAILED\","
                        + "\"failureReason\":\"QR has 5 fields, expected 7\"}}");
            }
            post(kiosk, "{\"cardRead\":{\"readerKind\":\"" + (random.nextBoolean() ? "READER_QR" : "READER_CHIP")
                    + "\",\"outcome\":\"READ_OK\",\"citizenKey\":\"" + key + "\",\"ageGroup\":\"AGE_14_PLUS\",\"sex\":\""
                    + (random.nextBoolean() ? "MALE" : "FEMALE") + "\"}}");
            boolean insured = random.nextInt(100) < 97;
            long receptionSeq = post(kiosk, "{\"reception\":{\"caseType\":\"" + (insured ? "BHYT" : "FEE")
                    + "\",\"department\":\"" + DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size())) + "\"}}");
            post(kiosk, "{\"transactionCodeCreated\":{\"code\":\"PQ01-" + String.format("%04d", i + 1)
                    + "\",\"receptionSeq\":\"" + receptionSeq + "\",\"queueNumber\":" + (i + 1) + "}}");
            if (insured) {
                bhyt++;
            } else {
                fee++;
                feeTotal += 50_000;
                post(kiosk, "{\"payment\":{\"amountVnd\":\"50000\",\"method\":\"QR\",\"status\":\"CONFIRMED\","
                        + "\"reference\":\"KIOSK06 PQ01-" + String.format("%04d", i + 1) + "\"}}");
            }
        }
        out.printf("kiosk: %d patients received (%d BHYT, %d fee-paying, %,d VND paid at the kiosk)%n",
                patients, bhyt, fee, feeTotal);
    }

    /** Helps {@code citizens} with the field device whose API is at {@code field}; prints one summary line. */
    void fieldRound(String field, int citizens) throws IOException, InterruptedException {
        int assists = 0;
        for (int i = 0; i < citizens; i++) {
            String key = citizenKey();
            String age = random.nextInt(5) == 0 ? "AGE_6_TO_13" : "AGE_14_PLUS";
            post(field, "{\"cardRead\":{\"readerKind\":\"READER_QR\",\"outcome\":\"READ_OK\",\"citizenKey\":\"" + key
                    + "\",\"ageGroup\":\"" + age + "\",\"sex\":\"" + (random.nextBoolean() ? "MALE" : "FEMALE") + "\"}}");
            int n = 1 + random.nextInt(3);
            for (int a = 0; a < n; a++) {
                post(field, "{\"fieldAssist\":{\"activity\":\"" + ACTIVITIES.get((i + a) % ACTIVITIES.size())
                        + "\",\"team\":\"TCNS-AP3\",\"orgUnit\":\"PQ-BAI-THOM\",\"ageGroup\":\"" + age
                        + "\",\"citizenKey\":\"" + key + "\"}}");
                assists++;
            }
        }
        out.printf("field: %d citizens helped, %d activities recorded%n", citizens, assists);
    }

    /** Events the devices have journaled durably (each answered 201) so far. */
    int posted() {
        return posted;
    }

    private String citizenKey() {
        byte[] key = new byte[16];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private long post(String base, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("device refused an event (" + r.statusCode() + "): " + r.body());
        }
        posted++;
        String body = r.body();
        return Long.parseLong(body.replaceAll("\\D+", ""));
    }
}
