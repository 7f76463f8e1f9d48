package io.botfleet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.OnDeployedPlatform;
import io.botfleet.bots.BotTestKit;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.gateway.RoleCredentials;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.scheduler.LocalScheduler;
import io.botfleet.shared.json.Json;
import io.botfleet.shared.time.TestClock;
import io.botfleet.telegram.emulator.EmulatedBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;

/**
 * Scheduled campaigns on the local stack, through the deployed functions: the API (its template handler, its role)
 * writes each campaign's EventBridge Scheduler schedule into the emulator; the local scheduler reads it back through the
 * Scheduler API and delivers its input to the start queue as the scheduler's role; the planner starts the campaign (or
 * a run of a series) once and the senders deliver it. Times are a few seconds ahead of the wall clock, or, for the
 * recurring case, on a scheduler of the test's own with a clock the test moves.
 */
class SchedulingIT extends OnDeployedPlatform {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final AtomicInteger BOTS = new AtomicInteger();
    static SchedulerClient scheduler;
    static String group;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        scheduler = stack.clients().scheduler();
        group = stack.resource("CampaignScheduleGroup").ref();
    }

    /** A bot with {@code subscribers} active subscribers, and a draft campaign to them. */
    record Fixture(EmulatedBot bot, List<Long> chats, String campaignId) {}

    static Fixture fixture(int subscribers) {
        EmulatedBot bot = telegram.createBot("sched_bot_" + BOTS.incrementAndGet(), "Scheduled");
        String botId = Long.toString(bot.id());
        api.call("POST", "/api/bots").as(owner).json(Map.of("token", bot.token())).send().expect(201);
        List<Long> chats = BotTestKit.subscribe(aws, telegram, botId, subscribers, "sched" + bot.id() + "_");
        String campaignId = api.call("POST", "/api/bots/" + botId + "/campaigns").as(owner)
                .json(Map.of("name", "Scheduled", "content", Map.of("text", "Good morning", "parseMode", "none")))
                .send().expect(201).json().path("id").asText();
        return new Fixture(bot, chats, campaignId);
    }

    /** The wall-clock time in Berlin {@code seconds} from now, to the second (what at() takes). */
    static LocalDateTime berlinIn(int seconds) {
        return LocalDateTime.ofInstant(Instant.now().plusSeconds(seconds), BERLIN).truncatedTo(ChronoUnit.SECONDS);
    }

    static JsonNode schedule(String campaignId, Map<String, String> body) {
        return api.call("PUT", "/api/campaigns/" + campaignId + "/schedule").as(owner).json(body).send().expect(200).json();
    }

    static JsonNode campaign(String campaignId) {
        return api.call("GET", "/api/campaigns/" + campaignId).as(owner).send().expect(200).json();
    }

    static GetScheduleResponse stored(String campaignId) {
        return scheduler.getSchedule(b -> b.groupName(group).name(AwsScheduleTriggers.name(campaignId)));
    }

    static void assertEveryoneReceivedOnce(Fixture f, int times) {
        for (long chat : f.chats()) {
            assertThat(telegram.messagesReceivedBy(f.bot().id(), chat)).as("chat %d", chat).hasSize(times);
        }
    }

    @Test
    void aScheduledCampaignStartsByItselfAtItsTimeOnceAndTheOneTimeScheduleDeletesItself() {
        Fixture f = fixture(3);
        LocalDateTime at = berlinIn(3);
        JsonNode scheduled = schedule(f.campaignId(), Map.of("at", at.toString(), "timeZone", "Europe/Berlin"));
        Instant due = at.atZone(BERLIN).toInstant();
        assertThat(scheduled.path("status").asText()).isEqualTo("scheduled");
        assertThat(scheduled.path("nextOccurrences").get(0).asText()).isEqualTo(due.toString());

        GetScheduleResponse s = stored(f.campaignId());
        assertThat(s.scheduleExpression()).isEqualTo("at(" + at.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + ")");
        assertThat(s.scheduleExpressionTimezone()).isEqualTo("Europe/Berlin");
        assertThat(s.actionAfterCompletion()).isEqualTo(ActionAfterCompletion.DELETE);
        assertThat(s.flexibleTimeWindow().mode()).isEqualTo(FlexibleTimeWindowMode.OFF);
        assertThat(s.target().arn()).isEqualTo(aws.resource("CampaignStartQueue").attribute("Arn"));
        assertThat(s.target().roleArn()).isEqualTo(aws.resource("CampaignSchedulerRole").attribute("Arn"));
        assertThat(s.target().input()).contains(f.campaignId()).contains(ScheduledStartJson.SCHEDULED_TIME);

        await().atMost(PATIENCE).until(() -> campaign(f.campaignId()).path("status").asText().equals("completed"));
        JsonNode done = campaign(f.campaignId());
        Instant startedAt = Instant.parse(done.path("startedAt").asText());
        assertThat(startedAt).as("not before its time").isAfterOrEqualTo(due);
        assertEveryoneReceivedOnce(f, 1);
        assertThatThrownBy(() -> stored(f.campaignId())).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aCampaignTriggeredTwiceForItsOccurrenceStartsOnce() {
        Fixture f = fixture(3);
        LocalDateTime at = berlinIn(3);
        schedule(f.campaignId(), Map.of("at", at.toString(), "timeZone", "Europe/Berlin"));
        Instant due = at.atZone(BERLIN).toInstant();
        // at its time, the same start request twice more, as a trigger delivered twice would send it, racing the schedule's own
        await().atMost(PATIENCE).until(() -> !Instant.now().isBefore(due));
        String queue = aws.resource("CampaignStartQueue").ref();
        String request = ScheduledStartJson.write(f.campaignId(), due.toString());
        aws.clients().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(request));
        aws.clients().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(request));

        await().atMost(PATIENCE).until(() -> campaign(f.campaignId()).path("status").asText().equals("completed"));
        // and once more after it finished: nothing starts again
        aws.clients().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(request));
        await().atMost(PATIENCE).until(() -> aws.clients().sqs().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().values().stream().allMatch("0"::equals));
        assertThat(campaign(f.campaignId()).path("status").asText()).isEqualTo("completed");
        assertEveryoneReceivedOnce(f, 1);
    }

    @Test
    void eachOccurrenceOfARecurringCampaignIsARunOfItsOwn() {
        Fixture f = fixture(2);
        JsonNode series = schedule(f.campaignId(), Map.of("cron", "cron(0 * * * ? *)", "timeZone", "Europe/Berlin"));
        assertThat(series.path("schedule").path("recurring").asBoolean()).isTrue();
        assertThat(series.path("nextOccurrences")).hasSize(5);
        Instant first = Instant.parse(series.path("nextOccurrences").get(0).asText());
        Instant second = Instant.parse(series.path("nextOccurrences").get(1).asText());
        assertThat(stored(f.campaignId()).scheduleExpression()).isEqualTo("cron(0 * * * ? *)");

        // a scheduler of the test's own, reading the same schedules, on a clock that jumps to each occurrence
        TestClock clock = new TestClock(first.plusSeconds(1));
        try (LocalScheduler hours = new LocalScheduler(aws, List.of(group), clock)) {
            // (schedules other tests left behind would fire too: this one is among them)
            assertThat(hours.poll()).isPositive();
            await().atMost(PATIENCE).until(() -> runs(f).size() == 1 && runs(f).getFirst().path("status").asText().equals("completed"));
            assertThat(hours.poll()).as("the same occurrence fires once").isZero();
            clock.advance(Duration.ofHours(1));
            assertThat(hours.poll()).isPositive();
        }
        await().atMost(PATIENCE).until(() -> runs(f).size() == 2
                && runs(f).stream().allMatch(r -> r.path("status").asText().equals("completed")));
        List<JsonNode> runs = runs(f);
        assertThat(runs).extracting(r -> r.path("occurrence").asText()).containsExactly(second.toString(), first.toString());
        assertThat(runs).allSatisfy(r -> assertThat(r.path("seriesId").asText()).isEqualTo(f.campaignId()));
        assertThat(runs.get(0).path("id").asText()).isNotEqualTo(runs.get(1).path("id").asText());
        // each run has its own ledger and counters
        for (JsonNode run : runs) {
            JsonNode progress = api.call("GET", "/api/campaigns/" + run.path("id").asText() + "/progress").as(owner)
                    .send().expect(200).json();
            assertThat(progress.path("sent").asInt()).isEqualTo(2);
        }
        assertEveryoneReceivedOnce(f, 2);
        JsonNode after = campaign(f.campaignId());
        assertThat(after.path("status").asText()).isEqualTo("scheduled");
        assertThat(after.path("schedule").path("due").asText()).isEqualTo(second.plus(Duration.ofHours(1)).toString());
        // the runs are the series', not the bot's list
        JsonNode list = api.call("GET", "/api/bots/" + f.bot().id() + "/campaigns").as(owner).send().expect(200).json();
        assertThat(list.path("items").findValuesAsText("id")).containsExactly(f.campaignId());
        api.call("POST", "/api/campaigns/" + f.campaignId() + "/cancel").as(owner).send().expect(200);
        assertThatThrownBy(() -> stored(f.campaignId())).isInstanceOf(ResourceNotFoundException.class);
    }

    static List<JsonNode> runs(Fixture f) {
        JsonNode page = api.call("GET", "/api/campaigns/" + f.campaignId() + "/runs").as(owner).send().expect(200).json();
        return java.util.stream.StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    @Test
    void theSweepStartsACampaignWhoseTriggerWasMissed() throws Exception {
        Fixture f = fixture(2);
        LocalDateTime at = berlinIn(2);
        schedule(f.campaignId(), Map.of("at", at.toString(), "timeZone", "Europe/Berlin"));
        // the trigger is lost (as if EventBridge Scheduler had missed it)
        scheduler.deleteSchedule(b -> b.groupName(group).name(AwsScheduleTriggers.name(f.campaignId())));
        Instant due = at.atZone(BERLIN).toInstant();
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(due.plusMillis(500)));
        assertThat(campaign(f.campaignId()).path("status").asText()).isEqualTo("scheduled");

        Invocation swept = aws.lambda().function("ScheduleSweepFunction", Map.of("SWEEP_GRACE_SECONDS", "0"))
                .invoke(Files.readAllBytes(Path.of("../infra/events/schedule-sweep.json")));
        assertThat(swept.failed()).as(swept.payloadText()).isFalse();
        assertThat(Json.read(swept.payload(), JsonNode.class).path("requested").asInt()).isGreaterThanOrEqualTo(1);

        await().atMost(PATIENCE).until(() -> campaign(f.campaignId()).path("status").asText().equals("completed"));
        assertEveryoneReceivedOnce(f, 1);
    }

    @Test
    void reschedulingMovesTheScheduleAndUnschedulingOrStartingNowDeletesIt() {
        Fixture f = fixture(1);
        LocalDateTime later = berlinIn(3600);
        schedule(f.campaignId(), Map.of("at", later.toString(), "timeZone", "Europe/Berlin"));
        assertThat(stored(f.campaignId()).scheduleExpression()).isEqualTo("at(" + later.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + ")");

        LocalDateTime evenLater = later.plusHours(1);
        schedule(f.campaignId(), Map.of("at", evenLater.toString(), "timeZone", "America/Los_Angeles"));
        assertThat(stored(f.campaignId()).scheduleExpression()).isEqualTo("at(" + evenLater.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + ")");
        assertThat(stored(f.campaignId()).scheduleExpressionTimezone()).isEqualTo("America/Los_Angeles");

        JsonNode recurring = schedule(f.campaignId(), Map.of("cron", "30 9 ? * MON-FRI *", "timeZone", "America/New_York",
                "endDate", "2099-01-01T00:00"));
        GetScheduleResponse s = stored(f.campaignId());
        assertThat(s.scheduleExpression()).isEqualTo("cron(30 9 ? * MON-FRI *)");
        assertThat(s.endDate()).isEqualTo(Instant.parse(recurring.path("schedule").path("endDate").asText()));

        JsonNode draft = api.call("DELETE", "/api/campaigns/" + f.campaignId() + "/schedule").as(owner).send().expect(200).json();
        assertThat(draft.path("status").asText()).isEqualTo("draft");
        assertThat(draft.path("schedule").isNull()).isTrue();
        assertThatThrownBy(() -> stored(f.campaignId())).isInstanceOf(ResourceNotFoundException.class);

        schedule(f.campaignId(), Map.of("at", later.toString(), "timeZone", "Europe/Berlin"));
        api.call("POST", "/api/campaigns/" + f.campaignId() + "/start").as(owner).send().expect(200);
        assertThatThrownBy(() -> stored(f.campaignId())).isInstanceOf(ResourceNotFoundException.class);
        api.call("DELETE", "/api/campaigns/" + f.campaignId() + "/schedule").as(owner).send().expect(409);
    }

    @Test
    void wrongTimesAreRefusedWith422NamingTheField() {
        Fixture f = fixture(0);
        String path = "/api/campaigns/" + f.campaignId() + "/schedule";
        Map<String, Map<String, String>> cases = Map.of(
                "at", Map.of("at", berlinIn(-60).toString(), "timeZone", "Europe/Berlin"),
                "cron", Map.of("cron", "0 9 * * *", "timeZone", "UTC"),
                "timeZone", Map.of("at", berlinIn(3600).toString(), "timeZone", "Europe/Atlantis"),
                "endDate", Map.of("cron", "0 9 * * ? *", "timeZone", "UTC", "endDate", "2020-01-01T00:00"));
        cases.forEach((field, body) -> {
            JsonNode problem = api.call("PUT", path).as(owner).json(body).send().expect(422).json();
            assertThat(problem.path("errors").findValuesAsText("field")).as(body.toString()).contains(field);
        });
        assertThat(campaign(f.campaignId()).path("status").asText()).isEqualTo("draft");
        assertThatThrownBy(() -> stored(f.campaignId())).isInstanceOf(ResourceNotFoundException.class);

        JsonNode preview = api.call("POST", "/api/bots/" + f.bot().id() + "/schedule-preview").as(owner)
                .json(Map.of("cron", "0 9 ? * MON *", "timeZone", "Europe/Berlin")).send().expect(200).json();
        assertThat(preview.path("nextOccurrences")).hasSize(5);
        api.call("POST", "/api/bots/" + f.bot().id() + "/schedule-preview").as(owner)
                .json(Map.of("cron", "0 9 ? * MON *", "timeZone", "Nowhere")).send().expect(422);
    }

    @Test
    void theApisRoleReachesOnlyTheCampaignsScheduleGroupAndPassesOnlyTheSchedulersRole() {
        RoleCredentials role = aws.credentialsFor("ApiFunction");
        try (SchedulerClient asApi = SchedulerClient.builder().endpointOverride(aws.gatewayEndpoint())
                .region(Region.of(LocalAwsStack.REGION)).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        role.accessKeyId(), role.secretAccessKey(), role.sessionToken()))).build()) {
            String queue = aws.resource("CampaignStartQueue").attribute("Arn");
            String schedulerRole = aws.resource("CampaignSchedulerRole").attribute("Arn");
            assertDenied(() -> asApi.createSchedule(b -> b.name("elsewhere").groupName("default")
                    .scheduleExpression("at(2099-01-01T00:00:00)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn(queue).roleArn(schedulerRole).input("{}"))));
            String otherRole = "arn:aws:iam::" + LocalAwsStack.ACCOUNT_ID + ":role/ApiFunctionRole";
            assertDenied(() -> asApi.createSchedule(b -> b.name("other-role").groupName(group)
                    .scheduleExpression("at(2099-01-01T00:00:00)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn(queue).roleArn(otherRole).input("{}"))));
            assertDenied(() -> asApi.getSchedule(b -> b.groupName(group).name("anything")));
        }
        // the scheduler's role may send to the start queue and nowhere else: a schedule aimed elsewhere delivers nothing
        String sendQueue = aws.resource("SendQueue").attribute("Arn");
        scheduler.createSchedule(b -> b.name("misaimed").groupName(group).scheduleExpression("at(2000-01-01T00:00:00)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(sendQueue).roleArn(aws.resource("CampaignSchedulerRole").attribute("Arn")).input("{}")
                        .sqsParameters(p -> p.messageGroupId("g"))));
        await().atMost(PATIENCE).until(() -> denied("CampaignSchedulerRole"));
        scheduler.deleteSchedule(b -> b.groupName(group).name("misaimed"));
    }

    static boolean denied(String principal) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        aws.iamReport().print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        String report = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        int at = report.indexOf(principal + " (role");
        return at >= 0 && report.substring(at).lines().skip(1).takeWhile(l -> l.startsWith("  "))
                .anyMatch(l -> l.startsWith("  DENIED   sqs:SendMessage"));
    }

    static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SchedulerException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    }
}
