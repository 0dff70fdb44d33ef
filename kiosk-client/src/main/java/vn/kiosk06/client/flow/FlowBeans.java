package vn.kiosk06.client.flow;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.eligibility.InsuranceCheck;
import vn.kiosk06.client.eligibility.OfflineInsuranceRules;
import vn.kiosk06.client.hardware.ReaderEvents;
import vn.kiosk06.client.hardware.TicketService;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.hardware.identity.CitizenProtector;
import vn.kiosk06.client.sync.SyncWorker;

/** Builds the kiosk and field flows; only the flow of the configured {@code mode} listens to the readers. */
@Factory
final class FlowBeans {

    /** Queue days, ticket times and age groups follow the calendar in Vietnam. */
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Singleton
    @Named("flow-timer")
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService flowTimer() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flow-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Singleton
    @Bean(preDestroy = "close")
    QueueNumbers queueNumbers(ClientConfig config) {
        return QueueNumbers.open(config.dataDir().resolve("flow.db"));
    }

    @Singleton
    @Bean(preDestroy = "close")
    FieldTally fieldTally(ClientConfig config) {
        return FieldTally.open(config.dataDir().resolve("flow.db"));
    }

    @Singleton
    DeviceProfile deviceProfile(ClientConfig config, SyncWorker sync) {
        DeviceProfile profile = DeviceProfile.load(config.dataDir().resolve("device-config.pb"), config.facilityCode(),
                Optional.ofNullable(config.feeVnd()));
        sync.onConfig(profile::onConfig);
        return profile;
    }

    @Singleton
    InsuranceCheck insuranceCheck(ClientConfig config) {
        return new OfflineInsuranceRules("insured".equals(config.insuranceCards()),
                new HashSet<>(ClientConfig.commaList(config.insuranceExpired())),
                new HashSet<>(ClientConfig.commaList(config.insuranceGroups())));
    }

    @Context
    @Bean(preDestroy = "close")
    KioskFlow kioskFlow(ClientConfig config, Journal journal, DeviceProfile profile, InsuranceCheck insurance,
                        QueueNumbers queueNumbers, TicketService tickets, CitizenProtector citizens, ReaderEvents readers,
                        @Named("flow-timer") ScheduledExecutorService timer) {
        Optional<KioskFlow.BankAccount> bank = config.bankBin() != null && config.bankAccount() != null
                ? Optional.of(new KioskFlow.BankAccount(config.bankBin(), config.bankAccount(),
                        Objects.requireNonNullElse(config.bankName(), ""),
                        Objects.requireNonNullElse(config.bankAccountName(), ""))) : Optional.empty();
        KioskFlow flow = new KioskFlow(journal, profile, insurance, queueNumbers, tickets, citizens, Clock.system(VIETNAM), timer,
                new KioskFlow.Settings(config.facilityCode(), config.idleTimeout(), config.paymentTimeout(), bank,
                        config.staffConfirmEnabled()));
        if ("kiosk".equals(config.mode())) {
            flow.listen(readers);
        }
        return flow;
    }

    @Context
    @Bean(preDestroy = "close")
    FieldFlow fieldFlow(ClientConfig config, Journal journal, FieldTally tally, ReaderEvents readers,
                        @Named("flow-timer") ScheduledExecutorService timer) {
        FieldFlow flow = new FieldFlow(journal, tally, Clock.system(VIETNAM), config.teamList(), config.areaList(),
                config.idleTimeout(), timer);
        if ("field".equals(config.mode())) {
            flow.listen(readers);
        }
        return flow;
    }
}
