package io.botfleet.local.scheduler;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.gateway.RoleCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * EventBridge Scheduler's firing, which moto lacks (it stores schedules and never fires them). On every poll it reads
 * the schedules of its groups back from the emulator through the Scheduler API (ListSchedules, then GetSchedule for
 * each new or changed one: expression and time zone, start and end dates, state, target ARN, input, SqsParameters),
 * and for each occurrence that has come since the last poll delivers the target's input to the target queue as the
 * schedule's role (so the gateway checks that role's sqs:SendMessage), with the context attributes filled in as the
 * service fills them. A one-time schedule, and a recurring one past its end date, is deleted after it completes when
 * its ActionAfterCompletion is DELETE.
 */
public final class LocalScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalScheduler.class);

    private final LocalAwsStack stack;
    private final SchedulerClient scheduler;
    private final List<String> groups;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, SqsClient> clientsByRole = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    /** A schedule as last read, and the time up to which its occurrences were delivered. */
    private record Known(Instant modified, GetScheduleResponse definition, ScheduleExpression expression, Instant firedThrough) {
        Known firedThrough(Instant t) {
            return new Known(modified, definition, expression, t);
        }
    }

    public LocalScheduler(LocalAwsStack stack, List<String> groups, Clock clock) {
        this.stack = stack;
        this.scheduler = stack.clients().scheduler();
        this.groups = List.copyOf(groups);
        this.clock = clock;
    }

    /** Polls every {@code poll} (the service's own precision is about a minute; tests poll much faster). */
    public static LocalScheduler start(LocalAwsStack stack, List<String> groups, Duration poll) {
        LocalScheduler scheduler = new LocalScheduler(stack, groups, Clock.systemUTC());
        scheduler.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("local-scheduler").daemon(true).factory());
        scheduler.timer.scheduleWithFixedDelay(() -> {
            try {
                scheduler.poll();
            } catch (RuntimeException e) {
                // the service keeps firing whatever one poll met
                log.warn("local EventBridge Scheduler: a poll failed", e);
            }
        }, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** One pass: reads the groups' schedules and delivers every occurrence due by now. */
    public synchronized int poll() {
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        int delivered = 0;
        for (String group : groups) {
            for (ScheduleSummary summary : scheduler.listSchedulesPaginator(b -> b.groupName(group)).schedules()) {
                seen.add(summary.arn());
                if (summary.state() == ScheduleState.DISABLED) {
                    continue;
                }
                Known schedule = refreshed(summary);
                if (schedule != null) {
                    delivered += fire(schedule, summary, now);
                }
            }
        }
        known.keySet().retainAll(seen);
        return delivered;
    }

    private Known refreshed(ScheduleSummary summary) {
        Known current = known.get(summary.arn());
        if (current != null && current.modified().equals(summary.lastModificationDate())) {
            return current;
        }
        try {
            GetScheduleResponse s = scheduler.getSchedule(b -> b.groupName(summary.groupName()).name(summary.name()));
            Instant created = s.lastModificationDate() != null ? s.lastModificationDate() : clock.instant();
            Instant start = s.startDate() != null ? s.startDate() : created;
            ScheduleExpression expression = ScheduleExpression.parse(s.scheduleExpression(), s.scheduleExpressionTimezone(), start);
            // a new or changed schedule fires from now on: occurrences before it was written are not its own
            Instant from = expression instanceof ScheduleExpression.At ? Instant.MIN : later(created, start).minusMillis(1);
            Known fresh = new Known(summary.lastModificationDate(), s, expression, from);
            known.put(summary.arn(), fresh);
            return fresh;
        } catch (ResourceNotFoundException gone) {
            return null;
        } catch (RuntimeException e) {
            log.warn("local EventBridge Scheduler: schedule {} cannot run here: {}", summary.arn(), e.toString());
            return null;
        }
    }

    private int fire(Known schedule, ScheduleSummary summary, Instant now) {
        GetScheduleResponse s = schedule.definition();
        int delivered = 0;
        Instant through = schedule.firedThrough();
        Optional<Instant> next = schedule.expression().next(through.equals(Instant.MIN) ? Instant.EPOCH : through);
        while (next.isPresent() && !next.get().isAfter(now) && (s.endDate() == null || !next.get().isAfter(s.endDate()))) {
            deliver(s, next.get());
            delivered++;
            through = next.get();
            next = schedule.expression().next(through);
        }
        known.put(summary.arn(), schedule.firedThrough(through));
        boolean completed = next.isEmpty() || (s.endDate() != null && next.get().isAfter(s.endDate()));
        if (completed && s.actionAfterCompletion() == ActionAfterCompletion.DELETE) {
            try {
                scheduler.deleteSchedule(b -> b.groupName(s.groupName()).name(s.name()));
                log.info("local EventBridge Scheduler: {} completed and was deleted", s.arn());
            } catch (ResourceNotFoundException alreadyGone) {
                // deleted meanwhile
            }
            known.remove(summary.arn());
        }
        return delivered;
    }

    /** What the service does at an occurrence: the target's input, context attributes filled in, to the target queue. */
    private void deliver(GetScheduleResponse s, Instant occurrence) {
        var target = s.target();
        if (!target.arn().startsWith("arn:aws:sqs:")) {
            log.warn("local EventBridge Scheduler: only SQS targets are delivered here, not {} ({})", target.arn(), s.arn());
            return;
        }
        String input = (target.input() == null ? "" : target.input())
                .replace("<aws.scheduler.scheduled-time>", occurrence.toString())
                .replace("<aws.scheduler.schedule-arn>", s.arn())
                .replace("<aws.scheduler.execution-id>", UUID.randomUUID().toString())
                .replace("<aws.scheduler.attempt-number>", "1");
        String queueName = target.arn().substring(target.arn().lastIndexOf(':') + 1);
        String queueUrl = stack.clients().sqs().getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        String group = target.sqsParameters() == null ? null : target.sqsParameters().messageGroupId();
        try {
            sqsAs(target.roleArn()).sendMessage(b -> b.queueUrl(queueUrl).messageBody(input).messageGroupId(group));
            log.info("local EventBridge Scheduler: {} fired for {}", s.arn(), occurrence);
        } catch (RuntimeException e) {
            // the service retries per its retry policy; the gateway refusing the role is a finding, not a retry
            log.warn("local EventBridge Scheduler: {} could not deliver for {}: {}", s.arn(), occurrence, e.toString());
        }
    }

    /** An SQS client acting as the role a schedule names (its logical id is the local role's name). */
    private SqsClient sqsAs(String roleArn) {
        return clientsByRole.computeIfAbsent(roleArn, arn -> {
            RoleCredentials role = stack.credentialsFor(arn.substring(arn.lastIndexOf('/') + 1));
            return SqsClient.builder().endpointOverride(stack.gatewayEndpoint()).region(Region.of(LocalAwsStack.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            role.accessKeyId(), role.secretAccessKey(), role.sessionToken())))
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        });
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        clientsByRole.values().forEach(SqsClient::close);
    }
}
