package io.botfleet.lambda;

import io.botfleet.api.Route;
import io.botfleet.api.ScheduleRoutes;
import io.botfleet.broadcast.campaign.DynamoCampaignStore;
import io.botfleet.scheduling.AwsScheduleTriggers;
import io.botfleet.scheduling.CampaignScheduler;
import io.botfleet.scheduling.ScheduleSweep;
import io.botfleet.scheduling.ScheduleTriggers;
import io.botfleet.scheduling.SqsScheduledStarts;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The scheduling capability's parts: the API's schedules (EventBridge Scheduler) and routes, and the sweep. */
public final class SchedulingWiring {
    private SchedulingWiring() {}

    /** The API's EventBridge Scheduler schedules: the group, the role they act as and the queue they send to. */
    public static ScheduleTriggers triggers(Env env, AwsClientFactory aws) {
        return new AwsScheduleTriggers(aws.scheduler(), env.required("SCHEDULE_GROUP"), env.required("SCHEDULER_ROLE_ARN"),
                env.required("CAMPAIGN_START_QUEUE_ARN"));
    }

    public static List<Route> routes(BroadcastModule broadcast, ScheduleTriggers triggers) {
        return ScheduleRoutes.routes(broadcast.service(),
                new CampaignScheduler(broadcast.campaigns(), triggers, broadcast.clock()), broadcast.campaigns(),
                botId -> broadcast.botsModule().registry().get(botId).isPresent(), broadcast.botsModule().cursors(),
                broadcast.clock());
    }

    /** The sweep function: the campaigns table's due index and the start queue, nothing else. */
    public static ScheduleSweepFunction sweepFunction(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        Clock clock = Clock.systemUTC();
        return new ScheduleSweepFunction(new ScheduleSweep(
                new DynamoCampaignStore(aws.dynamoDb(), config.tables().campaigns(), clock),
                new SqsScheduledStarts(aws.sqs(), config.queues().campaignStart()),
                Duration.ofSeconds(Long.parseLong(env.orDefault("SWEEP_GRACE_SECONDS", "60"))), clock));
    }
}
