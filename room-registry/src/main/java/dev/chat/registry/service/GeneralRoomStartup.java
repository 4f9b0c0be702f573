package dev.chat.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Ensures General at start, without waiting for it: a registry that starts before Redis must
 * still start (and say not ready); reads re-create General whenever they find it missing.
 */
@ApplicationScoped
public class GeneralRoomStartup {

    private static final Logger LOG = Logger.getLogger(GeneralRoomStartup.class);

    void onStart(@Observes StartupEvent event, RoomCatalog catalog) {
        catalog.ensureGeneral().subscribe().with(
                ok -> LOG.debug("General ensured"),
                e -> LOG.warnf("could not ensure General at start (retried on the next read): %s", e.getMessage()));
    }
}
