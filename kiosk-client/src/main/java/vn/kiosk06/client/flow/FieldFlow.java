package vn.kiosk06.client.flow;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.hardware.ReaderEvents;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.client.journal.JournalFullException;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.identity.ProtectedCitizen;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.VoidEvent;
import vn.kiosk06.proto.sync.v1.VoidReason;

/**
 * The community digital team's flow on a handheld: pick team and area once per shift; then for each citizen scan
 * the CCCD QR (or enter only birth year and sex when there is no card), tick what was done and save — one
 * FieldAssist event per activity, all durable before the screen says "saved". Works with no network at all: the
 * summary comes from the device's own {@link FieldTally}.
 *
 * <p>Thread-safe: page requests, the readers' thread and the timer go through this object's lock.
 */
public final class FieldFlow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FieldFlow.class);

    /** The activities a team records, in the order the form shows them. */
    public static final List<FieldActivity> ACTIVITIES = List.of(FieldActivity.VNEID_L2_ACTIVATION,
            FieldActivity.BHYT_INTEGRATION, FieldActivity.EHEALTH_BOOK, FieldActivity.ONLINE_SERVICE_HELP);

    /** The handheld's screens. */
    public enum Screen { SHIFT, CITIZEN, SUMMARY }

    /** The citizen on screen; {@code id} is empty without a card (and is the same seal on each activity saved). */
    private record Citizen(String source, AgeGroup ageGroup, String sex, Optional<ProtectedCitizen> id) {
    }

    private final Journal journal;
    private final FieldTally tally;
    private final Clock clock;
    private final List<String> teams;
    private final List<String> areas;
    private final Duration idleTimeout;
    private final ScheduledFuture<?> ticking;
    private AutoCloseable subscription;

    private Screen screen = Screen.SHIFT;
    private long version;
    private String team;
    private String area;
    private Citizen citizen;
    private Instant citizenSince;
    private String message;
    private int saved;

    /**
     * @param idleTimeout a citizen's data left on screen this long is forgotten
     */
    public FieldFlow(Journal journal, FieldTally tally, Clock clock, List<String> teams, List<String> areas,
                     Duration idleTimeout, ScheduledExecutorService timer) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.tally = Objects.requireNonNull(tally, "tally");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.teams = List.copyOf(teams);
        this.areas = List.copyOf(areas);
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        resumeShift();
        this.ticking = timer.scheduleWithFixedDelay(this::tickSafely, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Picks up today's shift after a restart, unless its team or area is no longer configured. */
    private void resumeShift() {
        try {
            tally.shift(LocalDate.now(clock))
                    .filter(s -> teams.contains(s.team()) && areas.contains(s.area()))
                    .ifPresent(s -> {
                        team = s.team();
                        area = s.area();
                        screen = Screen.CITIZEN;
                    });
        } catch (JournalException e) {
            LOG.warn("field: shift not resumed, pick team and area again: {}", e.getMessage());
        }
    }

    /** Remembers or forgets the shift; a failure only costs picking team and area again after a restart. */
    private void rememberShift(boolean started) {
        try {
            if (started) {
                tally.startShift(LocalDate.now(clock), new FieldTally.Shift(team, area));
            } else {
                tally.endShift();
            }
        } catch (JournalException e) {
            LOG.warn("field: shift not remembered: {}", e.getMessage());
        }
    }

    /** Lets card readings fill in the citizen. */
    public synchronized void listen(ReaderEvents readers) {
        subscription = readers.subscribe(this::onReaderUpdate);
    }

    /** What the page should show now. */
    public synchronized FieldState state() {
        FieldState.CitizenView view = citizen == null ? null
                : new FieldState.CitizenView(citizen.source(), label(citizen.ageGroup()), citizen.sex());
        return new FieldState(screen.name(), version, teams, areas, team, area, view, message, saved);
    }

    /** Starts the shift for {@code team} in {@code area}, both from the configured lists. */
    public synchronized void startShift(String team, String area) {
        if (!teams.contains(team) || !areas.contains(area)) {
            throw new FlowException("UNKNOWN_TEAM_OR_AREA", "team and area must come from the configured lists");
        }
        this.team = team;
        this.area = area;
        citizen = null;
        message = null;
        rememberShift(true);
        show(Screen.CITIZEN);
    }

    /** Ends the shift: back to picking team and area. */
    public synchronized void endShift() {
        team = null;
        area = null;
        citizen = null;
        message = null;
        rememberShift(false);
        show(Screen.SHIFT);
    }

    /** A citizen without a card: only birth year and sex, from which the age group is derived. */
    public synchronized void noCard(int birthYear, String sex) {
        expect(Screen.CITIZEN);
        int year = LocalDate.now(clock).getYear();
        if (birthYear < year - 120 || birthYear > year) {
            throw new FlowException("BIRTH_YEAR", "birth year must be " + (year - 120) + "–" + year);
        }
        if (!"MALE".equals(sex) && !"FEMALE".equals(sex)) {
            throw new FlowException("SEX", "sex must be MALE or FEMALE");
        }
        citizen = new Citizen("NO_CARD", ageGroupByBirthYear(birthYear, year), sex, Optional.empty());
        citizenSince = clock.instant();
        message = null;
        version++;
    }

    /**
     * Saves what was done for the current citizen: one FieldAssist event per activity, each durable, then the
     * on-device tally; the citizen is then forgotten.
     */
    public synchronized void save(Set<FieldActivity> done) {
        expect(Screen.CITIZEN);
        if (citizen == null) {
            throw new FlowException("NO_CITIZEN", "scan a card or enter birth year and sex first");
        }
        if (done.isEmpty()) {
            throw new FlowException("NO_ACTIVITY", "tick at least one activity");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        int count = 0;
        for (FieldActivity a : ACTIVITIES) {
            if (!done.contains(a)) {
                continue;
            }
            long seq;
            try {
                FieldAssist.Builder assist = FieldAssist.newBuilder().setActivity(a).setTeam(team).setOrgUnit(area)
                        .setAgeGroup(citizen.ageGroup());
                citizen.id().ifPresent(id -> identify(assist, id));
                seq = journal.append(Event.newBuilder().setFieldAssist(assist).build());
            } catch (JournalException e) {
                LOG.error("field: assist not saved: {}", e.getMessage());
                // Full: the worker must sync, and retrying would fail the same way. Say so (the page adds the backlog).
                message = e instanceof JournalFullException ? "JOURNAL_FULL" : "SAVE_FAILED";
                saved = count;
                version++;
                return;
            }
            count++;
            try {
                tally.add(seq, now, a, citizen.ageGroup());
            } catch (JournalException e) {
                LOG.warn("field: summary count not updated: {}", e.getMessage());
            }
        }
        citizen = null;
        saved = count;
        message = "SAVED";
        version++;
    }

    /**
     * Voids a record saved by mistake: a VoidEvent naming its seq is journaled (the record itself is never edited)
     * and the on-device counts drop by one. Refused with {@code VOID_NOT_FOUND} for a seq this device did not save
     * as a field record, {@code ALREADY_VOIDED} for one voided before.
     */
    public synchronized void voidRecord(long seq) {
        FieldTally.Entry entry = tally.entry(seq)
                .orElseThrow(() -> new FlowException("VOID_NOT_FOUND", "no field record with seq " + seq + " on this device"));
        if (entry.voided()) {
            throw new FlowException("ALREADY_VOIDED", "record " + seq + " is already voided");
        }
        try {
            journal.append(Event.newBuilder().setVoidEvent(VoidEvent.newBuilder().setVoidedSeq(seq)
                    .setReason(VoidReason.MISTAP)).build());
        } catch (JournalException e) {
            LOG.error("field: void of {} not saved: {}", seq, e.getMessage());
            message = e instanceof JournalFullException ? "JOURNAL_FULL" : "SAVE_FAILED";
            version++;
            return;
        }
        try {
            tally.markVoided(seq);
        } catch (JournalException e) {
            LOG.warn("field: summary not updated for void of {}: {}", seq, e.getMessage());
        }
        LOG.info("field: record {} voided", seq);
        message = "VOIDED";
        version++;
    }

    /** Forgets the current citizen without saving. */
    public synchronized void clearCitizen() {
        citizen = null;
        message = null;
        version++;
    }

    /** Shows the summary screen (from CITIZEN) or goes back to it. */
    public synchronized void showSummary(boolean shown) {
        message = null;
        if (team == null) {
            show(shown ? Screen.SUMMARY : Screen.SHIFT);
        } else {
            show(shown ? Screen.SUMMARY : Screen.CITIZEN);
        }
    }

    /** Counts per activity today and this week (from Monday), from the device alone. */
    public FieldState.Summary summary() {
        LocalDate today = LocalDate.now(clock);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new FieldState.Summary(today.toString(), monday.toString(), names(tally.counts(today, today)),
                names(tally.counts(monday, today)), tally.entries(today).stream().map(e -> new FieldState.Record(e.seq(),
                        e.time(), e.activity().name(), e.ageGroup().name(), e.voided())).toList());
    }

    /** Forgets a citizen left on screen longer than the idle timeout. */
    public synchronized void tick() {
        if (citizen != null && !clock.instant().isBefore(citizenSince.plus(idleTimeout))) {
            LOG.info("field: citizen left unsaved for {}: forgotten", idleTimeout);
            citizen = null;
            message = "IDLE_CLEARED";
            version++;
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("field: timer failed: {}", e.getClass().getName());
        }
    }

    private void onReaderUpdate(ReaderEvents.Update update) {
        synchronized (this) {
            if (update instanceof ReaderEvents.Connection) {
                version++;
                return;
            }
            if (!(update instanceof ReaderEvents.Read read) || screen != Screen.CITIZEN) {
                return;
            }
            CardReading r = read.reading();
            if (!r.isOk()) {
                message = "READ_FAILED";
                version++;
                return;
            }
            AgeGroup group = switch (r.ageGroup().orElseThrow()) {
                case AGE_UNDER_6 -> AgeGroup.AGE_UNDER_6;
                case AGE_6_TO_13 -> AgeGroup.AGE_6_TO_13;
                case AGE_14_PLUS -> AgeGroup.AGE_14_PLUS;
            };
            citizen = new Citizen("CARD", group, r.sex().orElseThrow().name(), r.citizen());
            citizenSince = clock.instant();
            message = null;
            version++;
        }
    }

    private static void identify(FieldAssist.Builder assist, ProtectedCitizen id) {
        if (id instanceof ProtectedCitizen.Sealed sealed) {
            assist.setSealedCitizenId(sealed.id());
        } else if (id instanceof ProtectedCitizen.Keyed keyed) {
            assist.setCitizenKey(ByteString.copyFrom(HexFormat.of().parseHex(keyed.key().hex())));
        }
    }

    /** Age group by birth year alone: the age reached this year (the birthday itself is not asked). */
    static AgeGroup ageGroupByBirthYear(int birthYear, int thisYear) {
        int age = thisYear - birthYear;
        return age >= 14 ? AgeGroup.AGE_14_PLUS : age >= 6 ? AgeGroup.AGE_6_TO_13 : AgeGroup.AGE_UNDER_6;
    }

    private static String label(AgeGroup g) {
        return switch (g) {
            case AGE_UNDER_6 -> "AGE_UNDER_6";
            case AGE_6_TO_13 -> "6_TO_13";
            default -> "14_PLUS";
        };
    }

    private static Map<String, Long> names(Map<FieldActivity, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((a, n) -> out.put(a.name(), n));
        return out;
    }

    private void show(Screen next) {
        screen = next;
        version++;
    }

    private void expect(Screen allowed) {
        if (screen != allowed) {
            throw new FlowException("NOT_ON_SCREEN", "not allowed on " + screen);
        }
    }

    @Override
    public synchronized void close() {
        ticking.cancel(false);
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // Unsubscribing from an in-memory list does not fail.
            }
        }
    }

    /** The activities named in {@code names}; refused with {@code UNKNOWN_ACTIVITY} for any other name. */
    public static Set<FieldActivity> parseActivities(List<String> names) {
        Set<FieldActivity> out = EnumSet.noneOf(FieldActivity.class);
        for (String n : names) {
            try {
                FieldActivity a = FieldActivity.valueOf(n);
                if (!ACTIVITIES.contains(a)) {
                    throw new IllegalArgumentException(n);
                }
                out.add(a);
            } catch (IllegalArgumentException e) {
                throw new FlowException("UNKNOWN_ACTIVITY", "unknown activity");
            }
        }
        return out;
    }
}
