package io.clickmap.api.alerts;

import io.clickmap.api.clickhouse.Micros;
import io.clickmap.api.alerts.AlertEvaluation.Outcome;
import io.clickmap.api.alerts.AlertTrend.Evaluated;
import io.clickmap.api.web.ServerTiming;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every enabled alert that is due, every {@code clickmap.alert-check-interval} (rounds never overlap within an
 * instance). Each check is one inserted row under the epoch it evaluated, so a check that raced a write cannot undo
 * it; a change of state is one log line. Several instances may check the same due alert in the same round: each
 * inserts an equal check (same data, same epoch), which leaves the state as one check would, and each logs the
 * change. A round that fails (ClickHouse down) is logged and the next round tries again.
 */
@Singleton
class AlertChecker {
    private static final Logger LOG = LoggerFactory.getLogger(AlertChecker.class);

    private final AlertStore alerts;
    private final AlertCheckStore checks;
    private final AlertTrend trend;
    private final AlertsConfig config;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> rounds;

    AlertChecker(AlertStore alerts, AlertCheckStore checks, AlertTrend trend, AlertsConfig config, Clock clock,
                 @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.alerts = alerts;
        this.checks = checks;
        this.trend = trend;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @EventListener
    void start(ServerStartupEvent started) {
        if (config.checks() && rounds == null) {
            rounds = scheduler.scheduleWithFixedDelay(config.alertCheckInterval(), config.alertCheckInterval(), this::round);
        }
    }

    @PreDestroy
    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
    }

    /** One round: every enabled alert of every environment whose next check has come. */
    void round() {
        try {
            Instant now = clock.instant();
            Map<Long, List<StoredAlert>> byEnvironment = alerts.enabledEverywhere().stream().collect(
                    Collectors.groupingBy(AlertStore.Row::environmentId, Collectors.mapping(AlertStore.Row::alert, Collectors.toList())));
            byEnvironment.forEach((environmentId, enabled) -> {
                Map<String, List<AlertCheck>> recent = checks.recent(environmentId, enabled.stream().map(StoredAlert::id).toList(), new ServerTiming());
                for (StoredAlert alert : enabled) {
                    AlertStatus status = AlertStatus.of(alert, recent.getOrDefault(alert.id(), List.of()));
                    if (status.isDue(now)) {
                        check(environmentId, alert, status);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("A round of alert checks failed; the next round, in {} ms, tries again: {}", config.alertCheckInterval().toMillis(), e.toString());
        }
    }

    private void check(long environmentId, StoredAlert alert, AlertStatus before) {
        Instant startedAt = clock.instant();
        AlertState state;
        Double value = null;
        String reason = "";
        String interval = "";
        try {
            Evaluated evaluated = trend.evaluate(environmentId, alert, "alert-" + alert.id() + "-" + Micros.of(startedAt));
            Outcome outcome = evaluated.outcome();
            state = outcome.state();
            // JSON has no infinity: a rise from 0 fires, and shows no value.
            value = outcome.value() == null || Double.isInfinite(outcome.value()) ? null : outcome.value();
            reason = outcome.breach() == null ? "" : outcome.breach();
            interval = evaluated.interval() == null ? "" : evaluated.interval();
        } catch (RuntimeException failure) {
            if (CheckFailure.of(failure) == CheckFailure.RETRY) {
                LOG.info("Alert {} of environment {} is checked again next round: {}", alert.id(), environmentId, CheckFailure.message(failure));
                return;
            }
            state = AlertState.ERRORED;
            reason = CheckFailure.message(failure);
        }
        Instant checkedAt = clock.instant();
        Instant next = alert.fields().calculationInterval().nextCheck(before.nextCheckAt(), checkedAt);
        checks.save(environmentId, new AlertCheck(alert.id(), checkedAt, alert.checkEpoch(), state, value, reason, next, interval));
        if (state != before.state()) {
            LOG.info("Alert {} \"{}\" of environment {} on insight {}: {} -> {}{}", alert.id(), alert.fields().name(), environmentId,
                    alert.fields().insightId(), before.state().wireName, state.wireName, reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }
}
