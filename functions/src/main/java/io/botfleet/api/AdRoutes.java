package io.botfleet.api;

import io.botfleet.ads.AdOrder;
import io.botfleet.ads.AdReport;
import io.botfleet.ads.AdService;
import io.botfleet.ads.AdStore;
import io.botfleet.ads.Advertiser;
import io.botfleet.auth.Permission;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.shared.csv.CsvExport;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.paging.CursorCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Advertisers and ad orders. Reading them is {@code campaigns_read}; writing them {@code campaigns_send}, as for the
 * campaigns they buy. An advertiser buys across the fleet, so creating or changing one needs a caller restricted to no
 * bots; an order belongs to its campaign's bot, so its routes keep to the caller's bots (an order of another bot does
 * not exist for the caller).
 */
public final class AdRoutes {
    private AdRoutes() {}

    public static List<Route> routes(AdService ads, CampaignStore campaigns, CursorCodec cursors) {
        Route.Access read = Route.Access.requires(Permission.CAMPAIGNS_READ);
        Route.Access send = Route.Access.requires(Permission.CAMPAIGNS_SEND);
        Route.Access fleet = Route.Access.requiresAllBots(Permission.CAMPAIGNS_SEND);
        return List.of(
                new Route("GET", "/api/advertisers", read, (request, caller) -> {
                    int limit = QueryParams.integer(request, "limit", 50, 1, 200);
                    String after = cursors.decode(request.queryParameter("cursor"), "advertisers").map(k -> k.get("id")).orElse(null);
                    AdStore.Page<Advertiser> page = ads.advertisers(after, limit);
                    return HttpResponse.json(200, list(page.items().stream().map(AdRoutes::view).toList(),
                            next(cursors, page.lastId(), "advertisers")));
                }),
                new Route("POST", "/api/advertisers", fleet, (request, caller) -> {
                    AdBodies.NewAdvertiser body = RequestBody.parse(request, AdBodies.NewAdvertiser.class);
                    Advertiser a = ads.createAdvertiser(body.name(), body.contactEmail(), caller.requirePrincipal().id());
                    caller.audit().target("advertiser", a.id());
                    return HttpResponse.json(201, view(a)).withHeader("etag", etag(a.version()))
                            .withHeader("location", "/api/advertisers/" + a.id());
                }),
                new Route("GET", "/api/advertisers/{advertiserId}", read, (request, caller) -> {
                    Advertiser a = ads.advertiser(request.pathParameter("advertiserId"));
                    return HttpResponse.json(200, view(a)).withHeader("etag", etag(a.version()));
                }),
                new Route("PATCH", "/api/advertisers/{advertiserId}", fleet, (request, caller) -> {
                    AdBodies.AdvertiserChanges body = RequestBody.parse(request, AdBodies.AdvertiserChanges.class);
                    Advertiser a = ads.updateAdvertiser(request.pathParameter("advertiserId"), body.name(), body.contactEmail(),
                            ifMatch(request));
                    caller.audit().target("advertiser", a.id());
                    return HttpResponse.json(200, view(a)).withHeader("etag", etag(a.version()));
                }),
                new Route("GET", "/api/ads", read, (request, caller) -> {
                    int limit = QueryParams.integer(request, "limit", 25, 1, 100);
                    String after = cursors.decode(request.queryParameter("cursor"), "ads").map(k -> k.get("id")).orElse(null);
                    AdStore.Page<AdOrder> page = ads.orders(after, limit);
                    return HttpResponse.json(200, list(page.items().stream()
                            .filter(o -> caller.requirePrincipal().canAccessBot(o.botId()))
                            .map(o -> view(o, ads, campaigns)).toList(), next(cursors, page.lastId(), "ads")));
                }),
                new Route("POST", "/api/ads", send, (request, caller) -> {
                    AdBodies.NewOrder body = RequestBody.parse(request, AdBodies.NewOrder.class);
                    Campaign c = ads.orderableCampaign(body.campaignId());
                    caller.requireBotAccess(c.botId());
                    AdOrder order = ads.createOrder(body.order(), caller.requirePrincipal().id());
                    caller.audit().target("ad_order", order.campaignId()).bot(order.botId());
                    return HttpResponse.json(201, view(order, ads, campaigns)).withHeader("etag", etag(order.version()))
                            .withHeader("location", "/api/ads/" + order.campaignId());
                }),
                new Route("GET", "/api/ads/{orderId}", read, (request, caller) -> {
                    AdOrder order = visible(ads, request, caller);
                    return HttpResponse.json(200, view(order, ads, campaigns)).withHeader("etag", etag(order.version()));
                }),
                new Route("PATCH", "/api/ads/{orderId}", send, (request, caller) -> {
                    AdOrder order = visible(ads, request, caller);
                    AdBodies.BudgetChange body = RequestBody.parse(request, AdBodies.BudgetChange.class);
                    AdOrder changed = ads.changeBudget(order.campaignId(), AdBodies.optionalBudget(body.budget()), ifMatch(request));
                    caller.audit().target("ad_order", changed.campaignId());
                    return HttpResponse.json(200, view(changed, ads, campaigns)).withHeader("etag", etag(changed.version()));
                }),
                new Route("GET", "/api/ads/{orderId}/report", read, (request, caller) ->
                        HttpResponse.json(200, view(ads.report(visible(ads, request, caller))))),
                new Route("GET", "/api/ads/{orderId}/report.csv", read, (request, caller) -> {
                    AdReport report = ads.report(visible(ads, request, caller));
                    String currency = report.order().pricing().currency();
                    CsvExport csv = new CsvExport("day", "delivered", "blocked", "unique_clicks", "total_clicks", "ctr",
                            "spend_minor_units", "currency");
                    for (AdReport.Day day : report.days()) {
                        row(csv, day.day().toString(), day.figures(), currency);
                    }
                    row(csv, "total", report.total(), currency);
                    return csv.response("ad-report-" + report.order().campaignId() + ".csv");
                }));
    }

    private static void row(CsvExport csv, String day, AdReport.Figures f, String currency) {
        csv.row(day, f.delivered(), f.blocked(), f.uniqueClicks(), f.totalClicks(), f.ctr(), f.spend(), currency);
    }

    /** An order of a bot outside the caller's scope does not exist for that caller. */
    private static AdOrder visible(AdService ads, HttpRequest request, Caller caller) {
        AdOrder order;
        try {
            order = ads.order(request.pathParameter("orderId"));
        } catch (io.botfleet.shared.errors.Refusal e) {
            throw ApiException.notFound("AD_ORDER_NOT_FOUND", "No such ad order");
        }
        if (!caller.requirePrincipal().canAccessBot(order.botId())) {
            throw ApiException.notFound("AD_ORDER_NOT_FOUND", "No such ad order");
        }
        caller.audit().bot(order.botId());
        return order;
    }

    private static Map<String, Object> list(List<Map<String, Object>> items, String nextCursor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextCursor", nextCursor);
        return body;
    }

    private static String next(CursorCodec cursors, String lastId, String scope) {
        return lastId == null ? null : cursors.encode(Map.of("id", lastId), scope);
    }

    static Map<String, Object> view(Advertiser a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", a.id());
        v.put("name", a.name());
        v.put("contactEmail", a.contactEmail());
        v.put("createdAt", a.createdAt().toString());
        v.put("version", a.version());
        return v;
    }

    static Map<String, Object> view(AdOrder o, AdService ads, CampaignStore campaigns) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", o.campaignId());
        v.put("campaignId", o.campaignId());
        v.put("advertiserId", o.advertiserId());
        v.put("botId", o.botId());
        v.put("pricingModel", o.pricing().model().json());
        v.put("price", o.pricing().price());
        v.put("currency", o.pricing().currency());
        v.put("budget", o.budget().isPresent() ? o.budget().getAsLong() : null);
        Optional<Campaign> campaign = campaigns.get(o.campaignId());
        v.put("campaignName", campaign.map(Campaign::name).orElse(null));
        v.put("campaignStatus", campaign.map(c -> c.status().json()).orElse(null));
        v.put("statusReason", campaign.map(Campaign::statusReason).orElse(null));
        AdService.Spend spend = ads.spend(o);
        v.put("delivered", spend.delivered());
        v.put("uniqueClicks", spend.uniqueClicks());
        v.put("totalClicks", spend.totalClicks());
        v.put("spend", spend.spend());
        v.put("createdAt", o.createdAt().toString());
        v.put("version", o.version());
        return v;
    }

    static Map<String, Object> view(AdReport r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("orderId", r.order().campaignId());
        v.put("pricingModel", r.order().pricing().model().json());
        v.put("price", r.order().pricing().price());
        v.put("currency", r.order().pricing().currency());
        v.put("budget", r.order().budget().isPresent() ? r.order().budget().getAsLong() : null);
        v.put("total", figures(r.total()));
        v.put("days", r.days().stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", d.day().toString());
            day.putAll(figures(d.figures()));
            return day;
        }).toList());
        return v;
    }

    private static Map<String, Object> figures(AdReport.Figures f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("delivered", f.delivered());
        v.put("blocked", f.blocked());
        v.put("uniqueClicks", f.uniqueClicks());
        v.put("totalClicks", f.totalClicks());
        v.put("ctr", f.ctr());
        v.put("spend", f.spend());
        return v;
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static OptionalLong ifMatch(HttpRequest request) {
        Optional<Long> v = BotRoutes.ifMatch(request);
        return v.isPresent() ? OptionalLong.of(v.get()) : OptionalLong.empty();
    }
}
