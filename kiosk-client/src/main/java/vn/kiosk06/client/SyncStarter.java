package vn.kiosk06.client;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import vn.kiosk06.client.sync.SyncWorker;

/**
 * Starts syncing once the local HTTP server listens: the touchscreen and the local API come up first, and the first
 * handshake (a TLS connection to the server, CPU a Pi's start needs) follows a moment later. Events appended in
 * between are journaled as always and go with that first sync.
 */
@Singleton
final class SyncStarter implements ApplicationEventListener<ServerStartupEvent> {

    private final SyncWorker worker;

    SyncStarter(SyncWorker worker) {
        this.worker = worker;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        worker.start();
    }
}
