package io.clickmap.api.alerts;

import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.clickhouse.Versions;
import io.clickmap.api.web.ServerTiming;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Every write of an alert, as one new version. A write that changes what a check evaluates (or when) starts a new
 * check epoch at its own version: the alert is due at once and earlier checks no longer decide its state. A
 * deletion is a version marked deleted, keeping the fields (its threshold stays listed, without the alert).
 */
@Singleton
class AlertWrites {
    private final AlertStore store;

    AlertWrites(AlertStore store) {
        this.store = store;
    }

    StoredAlert create(long environmentId, AlertFields fields, long user, ServerTiming timing) {
        long version = Versions.next();
        StoredAlert created = new StoredAlert(UUID.randomUUID().toString(), fields, Micros.instant(version), user, version, version, false, user);
        store.save(environmentId, created, timing);
        return created;
    }

    /** The alert with {@code after} as its fields, written by {@code user}. */
    StoredAlert update(long environmentId, StoredAlert current, AlertFields after, long user, ServerTiming timing) {
        long version = Versions.next();
        long epoch = AlertFields.changesChecks(current.fields(), after) ? version : current.checkEpoch();
        StoredAlert updated = new StoredAlert(current.id(), after, current.createdAt(), current.createdBy(), version, epoch, false, user);
        store.save(environmentId, updated, timing);
        return updated;
    }

    void delete(long environmentId, StoredAlert current, long user, ServerTiming timing) {
        store.save(environmentId, new StoredAlert(current.id(), current.fields(), current.createdAt(), current.createdBy(), Versions.next(),
                current.checkEpoch(), true, user), timing);
    }
}
