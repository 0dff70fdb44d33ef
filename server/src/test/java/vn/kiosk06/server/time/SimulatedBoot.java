package vn.kiosk06.server.time;

import java.time.Duration;
import java.time.Instant;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

/**
 * One boot of a simulated device, for tests: knows the true time of every monotonic instant and what the
 * device's wall clock read then, including one optional step of the wall clock (NTP, a hand setting).
 * Handshakes use a realistic asymmetric network: 40 ms out, 5 ms on the server, 45 ms back.
 */
record SimulatedBoot(
        String deviceId, BootId bootId, Instant trueBootTime, Instant wallAtBoot,
        long stepAtNanos, Instant wallAfterStep) {

    static final Duration OUTBOUND = Duration.ofMillis(40);
    static final Duration SERVER_PROCESSING = Duration.ofMillis(5);
    static final Duration INBOUND = Duration.ofMillis(45);

    /** A boot whose wall clock runs undisturbed from {@code wallAtBoot}. */
    static SimulatedBoot of(String deviceId, String bootHex, Instant trueBootTime, Instant wallAtBoot) {
        return new SimulatedBoot(deviceId, BootId.parse(bootHex), trueBootTime, wallAtBoot, Long.MAX_VALUE, wallAtBoot);
    }

    /** The same boot, its wall clock set to {@code newWall} at {@code sinceBoot} on the monotonic clock. */
    SimulatedBoot steppedAt(Duration sinceBoot, Instant newWall) {
        return new SimulatedBoot(deviceId, bootId, trueBootTime, wallAtBoot, sinceBoot.toNanos(), newWall);
    }

    Instant trueAt(Duration sinceBoot) {
        return trueBootTime.plus(sinceBoot);
    }

    long wallMsAt(Duration sinceBoot) {
        long mono = sinceBoot.toNanos();
        Instant wall = mono < stepAtNanos
                ? wallAtBoot.plusNanos(mono)
                : wallAfterStep.plusNanos(mono - stepAtNanos);
        return wall.toEpochMilli();
    }

    DeviceEventTime eventAt(Duration sinceBoot) {
        return new DeviceEventTime(deviceId, bootId, wallMsAt(sinceBoot), sinceBoot.toNanos());
    }

    ClockMeasurement handshakeAt(Duration sinceBoot) {
        Instant serverReceive = trueAt(sinceBoot).plus(OUTBOUND);
        Instant serverTransmit = serverReceive.plus(SERVER_PROCESSING);
        Duration answerArrives = sinceBoot.plus(OUTBOUND).plus(SERVER_PROCESSING).plus(INBOUND);
        return new ClockMeasurement(deviceId, bootId, sinceBoot.toNanos(),
                wallMsAt(sinceBoot), serverReceive.toEpochMilli(), serverTransmit.toEpochMilli(),
                wallMsAt(answerArrives));
    }
}
