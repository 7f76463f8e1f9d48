package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.broadcast.CampaignService;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignSchedule;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.scheduling.CampaignScheduler;
import io.botfleet.scheduling.ScheduleRules;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.paging.CursorCodec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scheduled and recurring campaigns: put a campaign on a schedule (or move it), take it off, preview a schedule's next
 * occurrences, and list a series' runs. Scheduling is starting later: it takes the permission that starting takes.
 */
public final class ScheduleRoutes {
    private ScheduleRoutes() {}

    public static List<Route> routes(CampaignService campaigns, CampaignScheduler scheduler, CampaignStore store,
                                     Predicate<String> botExists, CursorCodec cursors, Clock clock) {
        Route.Access read = Route.Access.requires(Permission.CAMPAIGNS_READ);
        Route.Access send = Route.Access.requires(Permission.CAMPAIGNS_SEND);
        return List.of(
                new Route("PUT", "/api/campaigns/{campaignId}/schedule", send, (request, caller) -> {
                    Campaign c = CampaignRoutes.visible(campaigns, request, caller);
                    Long expected = request.header("if-match").isPresent() ? CampaignRoutes.ifMatch(request) : null;
                    ScheduleBody body = RequestBody.parse(request, ScheduleBody.class);
                    Campaign scheduled = scheduler.schedule(c.id(), body.at(), body.cron(), body.timeZone(), body.endDate(), expected);
                    return CampaignRoutes.withEtag(HttpResponse.json(200, CampaignView.of(scheduled)), scheduled);
                }),
                new Route("DELETE", "/api/campaigns/{campaignId}/schedule", send, (request, caller) -> {
                    Campaign c = CampaignRoutes.visible(campaigns, request, caller);
                    Long expected = request.header("if-match").isPresent() ? CampaignRoutes.ifMatch(request) : null;
                    Campaign draft = scheduler.unschedule(c.id(), expected);
                    return CampaignRoutes.withEtag(HttpResponse.json(200, CampaignView.of(draft)), draft);
                }),
                new Route("POST", "/api/bots/{botId}/schedule-preview", send, (request, caller) -> {
                    String botId = request.pathParameter("botId");
                    if (!botExists.test(botId)) {
                        throw ApiException.notFound("BOT_NOT_FOUND", "No bot " + botId);
                    }
                    ScheduleBody body = RequestBody.parse(request, ScheduleBody.class);
                    CampaignSchedule schedule = ScheduleRules.resolve(body.at(), body.cron(), body.timeZone(), body.endDate(),
                            clock.instant());
                    return HttpResponse.json(200, Map.of("nextOccurrences",
                            ScheduleRules.upcoming(schedule, CampaignView.OCCURRENCES_SHOWN)));
                }),
                new Route("GET", "/api/campaigns/{campaignId}/runs", read, (request, caller) -> {
                    Campaign series = CampaignRoutes.visible(campaigns, request, caller);
                    return CampaignRoutes.listed(request, cursors, "runs#" + series.id(),
                            (after, limit) -> store.runs(series.id(), after, limit));
                }));
    }
}
