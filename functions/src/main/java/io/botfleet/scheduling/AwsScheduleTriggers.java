package io.botfleet.scheduling;

import io.botfleet.broadcast.campaign.CampaignSchedule;
import java.time.format.DateTimeFormatter;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * One EventBridge Scheduler schedule per scheduled campaign ({@code campaign-<id>} in the campaigns' group): {@code at()}
 * for one time, {@code cron()} with its end date for a series, in the campaign's time zone, sending the start request
 * to the campaign-start queue as the scheduler's role. Each deletes itself once it has nothing left to fire.
 */
public final class AwsScheduleTriggers implements ScheduleTriggers {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final SchedulerClient scheduler;
    private final String group;
    private final String roleArn;
    private final String startQueueArn;

    public AwsScheduleTriggers(SchedulerClient scheduler, String group, String roleArn, String startQueueArn) {
        this.scheduler = scheduler;
        this.group = group;
        this.roleArn = roleArn;
        this.startQueueArn = startQueueArn;
    }

    public static String name(String campaignId) {
        return "campaign-" + campaignId;
    }

    @Override
    public void put(String campaignId, CampaignSchedule schedule) {
        String expression = schedule.recurring() ? "cron(" + schedule.cron() + ")" : "at(" + AT.format(schedule.at()) + ")";
        // the standard start queue needs no SqsParameters (a FIFO target would need a MessageGroupId)
        Target target = Target.builder().arn(startQueueArn).roleArn(roleArn)
                .input(ScheduledStartJson.write(campaignId, ScheduledStartJson.SCHEDULED_TIME)).build();
        try {
            scheduler.createSchedule(b -> b.name(name(campaignId)).groupName(group)
                    .scheduleExpression(expression).scheduleExpressionTimezone(schedule.timeZone())
                    .endDate(schedule.endDate())
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(target).state(ScheduleState.ENABLED)
                    .actionAfterCompletion(ActionAfterCompletion.DELETE));
        } catch (ConflictException exists) {
            // an update replaces every property: the same ones again, with the new time
            scheduler.updateSchedule(b -> b.name(name(campaignId)).groupName(group)
                    .scheduleExpression(expression).scheduleExpressionTimezone(schedule.timeZone())
                    .endDate(schedule.endDate())
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(target).state(ScheduleState.ENABLED)
                    .actionAfterCompletion(ActionAfterCompletion.DELETE));
        }
    }

    @Override
    public void delete(String campaignId) {
        try {
            scheduler.deleteSchedule(b -> b.name(name(campaignId)).groupName(group));
        } catch (ResourceNotFoundException gone) {
            // a one-time schedule deletes itself once it fired
        }
    }
}
