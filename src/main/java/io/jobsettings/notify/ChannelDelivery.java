package io.jobsettings.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatusFollowUp.Result;
import io.jobsettings.notify.DeliveryLog.Busy;
import io.jobsettings.notify.DeliveryLog.Claim;
import io.jobsettings.notify.DeliveryLog.Deferred;
import io.jobsettings.notify.DeliveryLog.DeliveryKey;
import io.jobsettings.notify.DeliveryLog.Granted;
import io.jobsettings.notify.DeliveryResult.Outcome;
import io.jobsettings.settings.Settings;

/**
 * Delivers one job status on one channel at most once per success: claim it in the delivery log, send, record the
 * outcome. A delivery already made or refused for good is not sent again; one that another invocation is sending,
 * or whose target asked to wait, is left for the queue to bring back.
 */
@Singleton
public class ChannelDelivery {

    private static final Logger LOG = Logger.getLogger(ChannelDelivery.class);

    private final DeliveryLog log;
    private final Clock clock;

    @Inject
    public ChannelDelivery(DeliveryLog log) {
        this(log, Clock.systemUTC());
    }

    ChannelDelivery(DeliveryLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public Result deliver(Notifier notifier, JobDetails job, Settings settings) {
        putJobKeys(job, notifier.channel());
        DeliveryKey key = DeliveryKey.of(job, notifier.channel());
        Claim claim = log.claim(key, clock.instant());
        if (claim instanceof Granted granted) {
            return attempt(notifier, job, settings, key, granted);
        }
        if (claim instanceof Busy busy) {
            LOG.infof("notification left for a later delivery: another invocation is sending it until %s",
                    busy.leaseUntil());
            return Result.RETRY;
        }
        if (claim instanceof Deferred deferred) {
            // Limitation: the queue brings the message back after its visibility timeout, not at Retry-After, and
            // each such return counts towards maxReceiveCount; a Retry-After much longer than the queue's retries
            // sends the message to the dead-letter queue (from where it can be redriven).
            LOG.infof("notification left for a later delivery: the target asked to wait until %s",
                    deferred.notBefore());
            return Result.RETRY;
        }
        LOG.infof("notification not sent again: already %s", ((DeliveryLog.Settled) claim).state());
        return Result.DONE;
    }

    private Result attempt(Notifier notifier, JobDetails job, Settings settings, DeliveryKey key, Granted claim) {
        Instant started = clock.instant();
        DeliveryResult result = sendSafely(notifier, job, settings);
        // Limitation: delivery is at least once, not exactly once. If the function dies or the table cannot be
        // written between the send and this record, the claim's lease runs out and a later delivery of the message
        // sends again; receivers can drop the repeat by webhook-id (Datadog groups it by aggregation key; Slack
        // shows it twice).
        log.record(key, claim, result, started);

        MDC.put("attempt", claim.attempt());
        MDC.put("outcome", result.outcome().id());
        MDC.put("http_status", result.statusCode());
        MDC.put("latency_ms", result.latencyMs());
        if (result.isDelivered()) {
            LOG.info("notification delivered");
        } else {
            LOG.warnf("notification not delivered (%s): %s", result.outcome() == Outcome.TRANSIENT
                    ? "will be retried" : "refused for good, not retried", result.reason());
        }
        return result.outcome() == Outcome.TRANSIENT ? Result.RETRY : Result.DONE;
    }

    private static DeliveryResult sendSafely(Notifier notifier, JobDetails job, Settings settings) {
        try {
            return notifier.send(job, settings);
        } catch (RuntimeException e) {
            LOG.error("notification could not be sent", e);
            return new DeliveryResult(Outcome.TRANSIENT, 0,
                    "the notification could not be sent (" + e.getClass().getSimpleName() + ")", 0,
                    Optional.empty(), null);
        }
    }

    private static void putJobKeys(JobDetails job, Channel channel) {
        MDC.put("env_id", job.envId());
        MDC.put("tenant", job.tenant());
        MDC.put("job_id", job.jobId());
        MDC.put("s3_root", job.s3Root());
        MDC.put("status", job.status().name());
        MDC.put("channel", channel.id());
    }
}
