package io.jobsettings.notify;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatusFollowUp;
import io.jobsettings.settings.Settings;
import io.quarkus.arc.All;

/**
 * Tells every channel that wants to hear about a job status, all at once: each channel runs on its own thread with
 * its own deadline, so a slow or failing one neither delays nor blocks the others. The message is retried when any
 * channel failed in a way that may pass; the delivery log makes sure the retry sends only what is still missing.
 */
@Singleton
public class NotificationFanOut implements JobStatusFollowUp {

    private static final Logger LOG = Logger.getLogger(NotificationFanOut.class);
    /** Enough for a batch of ten messages with three channels each to run at once. */
    private static final int THREADS = 32;

    private final List<Notifier> notifiers;
    private final ChannelDelivery delivery;
    private final ExecutorService senders;

    public NotificationFanOut(@All List<Notifier> notifiers, ChannelDelivery delivery) {
        this.notifiers = notifiers;
        this.delivery = delivery;
        AtomicInteger count = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "notify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public CompletableFuture<Result> start(JobDetails job, Settings settings) {
        List<CompletableFuture<Result>> sends = notifiers.stream()
                .filter(notifier -> notifier.wants(job, settings))
                .map(notifier -> CompletableFuture.supplyAsync(() -> deliver(notifier, job, settings), senders))
                .toList();
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenApply(done -> sends.stream().anyMatch(send -> send.join() == Result.RETRY)
                        ? Result.RETRY : Result.DONE);
    }

    private Result deliver(Notifier notifier, JobDetails job, Settings settings) {
        try {
            return delivery.deliver(notifier, job, settings);
        } catch (RuntimeException e) {
            LOG.errorf(e, "notification on %s failed before or after sending; the message will come back",
                    notifier.channel().id());
            return Result.RETRY;
        } finally {
            MDC.clear();
        }
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
