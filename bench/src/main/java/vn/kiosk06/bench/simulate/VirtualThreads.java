package vn.kiosk06.bench.simulate;

import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads for the simulated devices, when the simulator runs on Java 21 or later. Every device runs the real
 * client's journal writer and sync worker, a thread each; as platform threads, 20,000 devices are 40,000 OS threads
 * and this machine's task table holds 32,768 (issue 17). As virtual threads they are parked continuations on a few
 * carrier threads, so one simulator process holds thousands of devices. The project compiles for Java 17 (the
 * devices' JVM), so the factory is looked up by reflection; on Java 17 there is none and devices get platform
 * threads, within {@link ThreadBudget}.
 */
public final class VirtualThreads {

    private static final Optional<ThreadFactory> FACTORY = lookUp();

    private VirtualThreads() {
    }

    /** A factory of virtual threads, empty on a JVM without them (before Java 21). */
    public static Optional<ThreadFactory> factory() {
        return FACTORY;
    }

    /** Whether this JVM has them. */
    public static boolean available() {
        return FACTORY.isPresent();
    }

    private static Optional<ThreadFactory> lookUp() {
        try {
            // Thread.ofVirtual().name("simulated-device-", 0).factory()
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, "simulated-device-", 0L);
            return Optional.of((ThreadFactory) ofVirtual.getMethod("factory").invoke(builder));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
