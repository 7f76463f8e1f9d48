package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.broadcast.CampaignService;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignDraft;
import io.botfleet.broadcast.campaign.CampaignProgress;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.send.DeliveryLedger;
import io.botfleet.broadcast.send.LedgerChunk;
import io.botfleet.shared.csv.CsvExport;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import io.botfleet.shared.paging.CursorCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** The campaign routes of the admin API. */
public final class CampaignRoutes {
    private CampaignRoutes() {}

    /** Body of {@code POST …/test}: a few admin chats to preview the message in. */
    record TestSend(List<Long> chatIds) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            if (v.required("chatIds", chatIds)) {
                v.check(!chatIds.isEmpty() && chatIds.size() <= 10, "chatIds", "SIZE", "Give 1 to 10 chat ids");
            }
        }
    }

    public static List<Route> routes(CampaignService campaigns, CampaignStore store, DeliveryLedger ledger,
                                     Predicate<String> botExists, CursorCodec cursors,
                                     Clock clock) {
        Route.Access read = Route.Access.requires(Permission.CAMPAIGNS_READ);
        Route.Access send = Route.Access.requires(Permission.CAMPAIGNS_SEND);
        return List.of(
                new Route("POST", "/api/bots/{botId}/campaigns", send, (request, caller) -> {
                    CampaignDraft draft = RequestBody.parse(request, CampaignBody.class).draft();
                    Campaign created = campaigns.create(request.pathParameter("botId"), draft, caller.requirePrincipal().id());
                    return withEtag(HttpResponse.json(201, CampaignView.of(created)), created);
                }),
                new Route("GET", "/api/bots/{botId}/campaigns", read, (request, caller) -> {
                    String botId = request.pathParameter("botId");
                    if (!botExists.test(botId)) {
                        throw ApiException.notFound("BOT_NOT_FOUND", "No bot " + botId);
                    }
                    return listed(request, cursors, "campaigns#" + botId, (after, limit) -> store.list(botId, after, limit));
                }),
                new Route("GET", "/api/campaigns/{campaignId}", read, (request, caller) -> {
                    Campaign c = visible(campaigns, request, caller);
                    return withEtag(HttpResponse.json(200, CampaignView.of(c)), c);
                }),
                new Route("PUT", "/api/campaigns/{campaignId}", send, (request, caller) -> {
                    Campaign current = visible(campaigns, request, caller);
                    long expected = ifMatch(request);
                    CampaignDraft draft = RequestBody.parse(request, CampaignBody.class).draft();
                    Campaign updated = campaigns.update(current.id(), draft, expected);
                    return withEtag(HttpResponse.json(200, CampaignView.of(updated)), updated);
                }),
                action("start", campaigns, CampaignService::start, send),
                action("pause", campaigns, CampaignService::pause, send),
                action("resume", campaigns, CampaignService::resume, send),
                action("cancel", campaigns, CampaignService::cancel, send),
                new Route("POST", "/api/campaigns/{campaignId}/test", send, (request, caller) -> {
                    Campaign c = visible(campaigns, request, caller);
                    TestSend body = RequestBody.parse(request, TestSend.class);
                    return HttpResponse.json(200, Map.of("results", campaigns.test(c.id(), body.chatIds())));
                }),
                new Route("GET", "/api/campaigns/{campaignId}/progress", read, (request, caller) -> {
                    Campaign c = visible(campaigns, request, caller);
                    return HttpResponse.json(200, progressView(c, campaigns.progress(c.id()), clock));
                }),
                new Route("GET", "/api/campaigns/{campaignId}/deliveries", read, (request, caller) -> {
                    Campaign c = visible(campaigns, request, caller);
                    DeliveryLedger.Page page = ledger.page(c.id(), batchCursor(cursors, request, c),
                            QueryParams.integer(request, "limit", 5, 1, 20));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("items", rows(page));
                    body.put("nextCursor", nextBatchCursor(cursors, page, c));
                    return HttpResponse.json(200, body);
                }),
                new Route("GET", "/api/campaigns/{campaignId}/deliveries.csv", read, (request, caller) -> {
                    Campaign c = visible(campaigns, request, caller);
                    // bounded per response (a Lambda response is at most 6 MB: 20 paid batches are 20,000 rows of at
                    // most ~140 bytes); the next page's cursor is in a header
                    DeliveryLedger.Page page = ledger.page(c.id(), batchCursor(cursors, request, c), 20);
                    CsvExport csv = new CsvExport("batch", "chat_id", "outcome", "message_id", "error");
                    for (Map<String, Object> row : rows(page)) {
                        csv.row(row.get("batch"), row.get("chatId"), row.get("outcome"), row.get("messageId"), row.get("error"));
                    }
                    HttpResponse response = csv.response("deliveries-" + c.id() + ".csv");
                    String next = nextBatchCursor(cursors, page, c);
                    return next == null ? response : response.withHeader("x-next-cursor", next);
                }));
    }

    private static Route action(String name, CampaignService campaigns, BiFunction<CampaignService, String, Campaign> action,
                                Route.Access access) {
        return new Route("POST", "/api/campaigns/{campaignId}/" + name, access, (request, caller) -> {
            Campaign c = visible(campaigns, request, caller);
            Campaign after = action.apply(campaigns, c.id());
            return withEtag(HttpResponse.json(200, CampaignView.of(after)), after);
        });
    }

    /**
     * A campaign of a bot outside the caller's scope does not exist for that caller. The audit entry names the
     * campaign's bot, so that readers restricted to that bot see what was done to its campaigns.
     */
    static Campaign visible(CampaignService campaigns, HttpRequest request, Caller caller) {
        Campaign c = campaigns.get(request.pathParameter("campaignId"));
        if (!caller.requirePrincipal().canAccessBot(c.botId())) {
            throw ApiException.notFound("CAMPAIGN_NOT_FOUND", "No such campaign");
        }
        caller.audit().bot(c.botId());
        return c;
    }

    /** A page of campaigns ({@code limit} and {@code cursor} from the query), with the cursor of the next one. */
    static HttpResponse listed(HttpRequest request, CursorCodec cursors, String scope,
                               BiFunction<String, Integer, CampaignStore.Page> pages) {
        int limit = QueryParams.integer(request, "limit", 25, 1, 100);
        String after = cursors.decode(request.queryParameter("cursor"), scope).map(k -> k.get("id")).orElse(null);
        CampaignStore.Page page = pages.apply(after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.campaigns().stream().map(CampaignView::of).toList());
        body.put("nextCursor", page.lastId() == null ? null : cursors.encode(Map.of("id", page.lastId()), scope));
        return HttpResponse.json(200, body);
    }

    /** The version an If-Match header names; none sent: 428. */
    static long ifMatch(HttpRequest request) {
        String header = request.header("if-match").orElseThrow(() -> new ApiException(Problem.of(428,
                "PRECONDITION_REQUIRED", "Precondition required", "Send If-Match with the campaign's ETag")));
        String v = header.replace("W/", "").replace("\"", "").trim();
        if (!v.startsWith("v")) {
            throw ApiException.badRequest("IF_MATCH_INVALID", "If-Match must be an ETag of this API, like \"v3\"");
        }
        try {
            return Long.parseLong(v.substring(1));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("IF_MATCH_INVALID", "If-Match must be an ETag of this API, like \"v3\"");
        }
    }

    private static String batchCursor(CursorCodec cursors, HttpRequest request, Campaign c) {
        return cursors.decode(request.queryParameter("cursor"), "deliveries#" + c.id()).map(k -> k.get("batch")).orElse(null);
    }

    private static String nextBatchCursor(CursorCodec cursors, DeliveryLedger.Page page, Campaign c) {
        return page.nextCursor() == null ? null : cursors.encode(Map.of("batch", page.nextCursor()), "deliveries#" + c.id());
    }

    static HttpResponse withEtag(HttpResponse response, Campaign c) {
        return response.withHeader("etag", etag(c));
    }

    private static List<Map<String, Object>> rows(DeliveryLedger.Page page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LedgerChunk chunk : page.chunks()) {
            LedgerChunk.Snapshot s = chunk.snapshot();
            List<Long> recipients = chunk.batch().recipients();
            for (int i = 0; i < recipients.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("batch", chunk.batch().batchNo());
                row.put("chatId", recipients.get(i));
                row.put("outcome", chunk.outcome(i).name().toLowerCase(Locale.ROOT));
                if (s.messageIds()[i] != 0) {
                    row.put("messageId", s.messageIds()[i]);
                }
                if (s.errors().containsKey(i)) {
                    row.put("error", s.errors().get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** What GET /api/campaigns/{id}/progress answers; dashboards receive the same over the live WebSocket. */
    public static Map<String, Object> progressView(Campaign c, CampaignProgress p, Clock clock) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("campaignId", c.id());
        view.put("status", c.status().json());
        view.put("statusReason", c.statusReason());
        view.put("audienceSize", p.audienceSize());
        view.put("planned", p.planned());
        long finished = p.finished();
        view.put("queued", Math.max(0, p.audienceSize() - finished));
        view.put("sent", p.count(DeliveryOutcome.SENT));
        view.put("blocked", p.count(DeliveryOutcome.BLOCKED));
        view.put("deactivated", p.count(DeliveryOutcome.DEACTIVATED));
        view.put("notStarted", p.count(DeliveryOutcome.NOT_STARTED));
        view.put("kicked", p.count(DeliveryOutcome.KICKED));
        view.put("unknown", p.count(DeliveryOutcome.UNKNOWN));
        view.put("cancelled", p.count(DeliveryOutcome.CANCELLED));
        view.put("failed", Map.of("chatNotFound", p.count(DeliveryOutcome.NOT_FOUND), "other", p.count(DeliveryOutcome.FAILED)));
        double elapsed = c.startedAt() == null ? 0 : Duration.between(c.startedAt(),
                c.finishedAt() != null ? c.finishedAt() : clock.instant()).toMillis() / 1000.0;
        double rate = elapsed > 0 ? finished / elapsed : 0;
        view.put("ratePerSecond", Math.round(rate * 10) / 10.0);
        view.put("etaSeconds", rate > 0 && p.planned() ? Math.round((p.audienceSize() - finished) / rate) : null);
        view.put("batchesDone", p.batchesDone());
        view.put("batchesTotal", p.batchesTotal());
        return view;
    }

    /** A campaign's version as an HTTP entity tag: what If-Match names. */
    static String etag(Campaign c) {
        return "\"v" + c.version() + "\"";
    }
}
