package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.auth.Principal;
import io.botfleet.bots.Bot;
import io.botfleet.bots.BotRegistry;
import io.botfleet.bots.WebhookHealth;
import io.botfleet.ownership.BotOwnership;
import io.botfleet.ownership.Lease;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import io.botfleet.shared.paging.CursorCodec;
import io.botfleet.shared.paging.Page;
import io.botfleet.subscribers.SubscriberBook;
import io.botfleet.subscribers.SubscriberCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/bots...}: register, list, read, change, rotate the token, delete. */
public final class BotRoutes {
    private BotRoutes() {}

    /** A bot token in a request body (registration and rotation); never printed. */
    record TokenBody(String token) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.required("token", token);
            v.text("token", token, 1, 200);
        }

        @Override
        public String toString() {
            return "TokenBody[token=masked]";
        }
    }

    record RepliesPatch(String start, String stop) {}

    record PatchBot(String displayName, Integer sendRatePerSec, Boolean paidBroadcast, RepliesPatch replies,
                    String webhookPolicy, String status) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.text("displayName", displayName, 1, 64);
            v.range("sendRatePerSec", sendRatePerSec, 1, Bot.MAX_PAID_SEND_RATE);
            if (replies != null) {
                v.text("replies.start", replies.start(), 0, 4096, true);
                v.text("replies.stop", replies.stop(), 0, 4096, true);
            }
            v.check(webhookPolicy == null || webhookPolicy.equals("restore") || webhookPolicy.equals("leave"),
                    "webhookPolicy", "NOT_ALLOWED", "must be one of: restore, leave");
            v.check(status == null || List.of("active", "paused", "disabled").contains(status),
                    "status", "NOT_ALLOWED", "must be one of: active, paused, disabled");
        }
    }

    public static List<Route> routes(BotRegistry registry, BotOwnership ownership, SubscriberBook subscribers,
                                     CursorCodec cursors) {
        return List.of(
                // a new bot lies outside any bot scope: a caller restricted to some bots would gain one it was not given
                new Route("POST", "/api/bots", Route.Access.requiresAllBots(Permission.BOTS_MANAGE), (request, caller) -> {
                    TokenBody body = RequestBody.parse(request, TokenBody.class);
                    Bot bot = registry.register(body.token(), caller.requirePrincipal().id());
                    // so that readers restricted to this bot later see its registration
                    caller.audit().target("bots", bot.botId()).bot(bot.botId());
                    return HttpResponse.json(201, view(registry, ownership, subscribers, bot)).withHeader("etag", etag(bot))
                            .withHeader("location", "/api/bots/" + bot.botId());
                }),
                new Route("GET", "/api/bots", Route.Access.requires(Permission.BOTS_READ), (request, caller) -> {
                    int limit = QueryParams.integer(request, "limit", 50, 1, 200);
                    String scope = "bots";
                    Principal p = caller.requirePrincipal();
                    Page<Bot> page = registry.list(cursors.decode(request.queryParameter("cursor"), scope), limit);
                    List<Bot> bots = page.items().stream().filter(b -> p.canAccessBot(b.botId())).toList();
                    // each with its lease, webhook health and subscriber counts, as the fleet's overview shows them:
                    // read together, three batched reads a page rather than three reads a bot
                    List<String> ids = bots.stream().map(Bot::botId).toList();
                    Map<String, Lease> leases = ownership.current(ids);
                    Map<String, WebhookHealth> health = registry.store().webhookHealth(ids);
                    Map<String, SubscriberCounts> counts = subscribers.counts(ids);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("items", bots.stream().map(b -> BotView.of(b, Optional.ofNullable(leases.get(b.botId())),
                            Optional.ofNullable(health.get(b.botId())), counts.get(b.botId()), registry.now())).toList());
                    out.put("cursor", page.lastKey().map(k -> cursors.encode(k, scope)).orElse(null));
                    return HttpResponse.json(200, out);
                }),
                new Route("GET", "/api/bots/{botId}", Route.Access.requires(Permission.BOTS_READ), (request, caller) -> {
                    Bot bot = scoped(registry, request, caller);
                    return HttpResponse.json(200, view(registry, ownership, subscribers, bot)).withHeader("etag", etag(bot));
                }),
                new Route("PATCH", "/api/bots/{botId}", Route.Access.requires(Permission.BOTS_MANAGE), (request, caller) -> {
                    Bot bot = scoped(registry, request, caller);
                    PatchBot body = RequestBody.parse(request, PatchBot.class);
                    Bot changed = registry.change(bot.botId(), new BotRegistry.Changes(
                            Optional.ofNullable(body.displayName()), Optional.ofNullable(body.sendRatePerSec()),
                            Optional.ofNullable(body.paidBroadcast()),
                            Optional.ofNullable(body.replies()).map(RepliesPatch::start),
                            Optional.ofNullable(body.replies()).map(RepliesPatch::stop),
                            Optional.ofNullable(body.webhookPolicy()), Optional.ofNullable(body.status())), ifMatch(request));
                    return HttpResponse.json(200, view(registry, ownership, subscribers, changed)).withHeader("etag", etag(changed));
                }),
                new Route("POST", "/api/bots/{botId}/token", Route.Access.requires(Permission.BOTS_MANAGE), (request, caller) -> {
                    Bot bot = scoped(registry, request, caller);
                    TokenBody body = RequestBody.parse(request, TokenBody.class);
                    Bot rotated = registry.rotateToken(bot.botId(), body.token());
                    return HttpResponse.json(200, view(registry, ownership, subscribers, rotated)).withHeader("etag", etag(rotated));
                }),
                new Route("DELETE", "/api/bots/{botId}", Route.Access.requires(Permission.BOTS_MANAGE), (request, caller) -> {
                    Bot bot = scoped(registry, request, caller);
                    String purge = request.queryParameter("purge").orElse("false");
                    if (!purge.equals("true") && !purge.equals("false")) {
                        throw ApiException.validation(List.of(new Problem.FieldError(
                                "purge", "WRONG_TYPE", "must be true or false")));
                    }
                    ifMatch(request).filter(v -> v != bot.version()).ifPresent(v -> {
                        throw new ApiException(Problem.of(412, "VERSION_CONFLICT",
                                "Precondition failed", "The bot was changed meanwhile; reload it and try again"));
                    });
                    registry.delete(bot.botId(), purge.equals("true"));
                    return HttpResponse.empty(204);
                }));
    }

    /** The bot of the path, or 404 if it does not exist or lies outside the caller's bot scope. */
    static Bot scoped(BotRegistry registry, HttpRequest request, Caller caller) {
        String botId = request.pathParameter("botId");
        if (!caller.requirePrincipal().canAccessBot(botId)) {
            throw ApiException.notFound("BOT_NOT_FOUND", "No bot " + botId);
        }
        return registry.require(botId);
    }

    static BotView view(BotRegistry registry, BotOwnership ownership, SubscriberBook subscribers, Bot bot) {
        return BotView.of(bot, ownership.current(bot.botId()), registry.store().webhookHealth(bot.botId()),
                subscribers.counts(bot.botId()), registry.now());
    }

    static String etag(Bot bot) {
        return "\"" + bot.version() + "\"";
    }

    static Optional<Long> ifMatch(HttpRequest request) {
        return request.header("if-match").map(v -> v.replace("W/", "").replace("\"", "").trim()).filter(v -> !v.isEmpty() && !v.equals("*"))
                .map(v -> {
                    try {
                        return Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new ApiException(Problem.of(412, "VERSION_CONFLICT", "Precondition failed",
                                "If-Match must be an ETag this API returned"));
                    }
                });
    }
}
