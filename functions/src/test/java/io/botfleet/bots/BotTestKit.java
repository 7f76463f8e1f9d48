package io.botfleet.bots;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.AdminApi;
import io.botfleet.auth.Principal;
import io.botfleet.auth.Role;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.lambda.LambdaFunction;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.json.Json;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.TelegramBotApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Builds the bots capability against the local stack and calls its admin routes as a test admin. */
public final class BotTestKit {
    public static final Principal ADMIN = new Principal(Principal.Kind.USER, "user-admin", "Test Admin", Role.ADMIN,
            Role.ADMIN.permissions(), Set.of());

    private BotTestKit() {}

    /** The environment template.yaml gives {@code function}, with this instance's id and base URL. */
    public static Env env(LocalAwsStack stack, String function, String publicBaseUrl, String telegramBase, String instanceId,
                          Map<String, String> extra) {
        return new Env(stack.functionEnvironment(function, overrides(publicBaseUrl, telegramBase, instanceId, extra)));
    }

    /** {@code function} deployed on the local Lambda service with this instance's id and base URL. */
    public static LambdaFunction deployed(LocalAwsStack stack, String function, String publicBaseUrl, String telegramBase,
                                          String instanceId, Map<String, String> extra) {
        return stack.lambda().function(function, overrides(publicBaseUrl, telegramBase, instanceId, extra));
    }

    private static Map<String, String> overrides(String publicBaseUrl, String telegramBase, String instanceId,
                                                 Map<String, String> extra) {
        Map<String, String> overrides = new HashMap<>(extra);
        overrides.put("PUBLIC_BASE_URL", publicBaseUrl);
        overrides.put("TELEGRAM_API_BASE", telegramBase);
        overrides.put("INSTANCE_ID", instanceId);
        return overrides;
    }

    public static BotsModule module(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        return BotsModule.create(env, config, aws.dynamoDb(), new PlatformSecret(aws.secretsManager(), config.platformSecretId()),
                TelegramBotApi.create(config.telegramApiBase()), Clock.systemUTC());
    }

    public static AdminApi api(BotsModule module, Principal principal) {
        return new AdminApi(module.routes(), request -> Optional.of(principal));
    }

    public static HttpResponse call(AdminApi api, String method, String path, Object body) {
        return call(api, method, path, Map.of(), body, Map.of());
    }

    public static HttpResponse call(AdminApi api, String method, String path, Map<String, String> query, Object body,
                                    Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("authorization", "Bearer test");
        byte[] bytes = new byte[0];
        if (body != null) {
            headers.put("content-type", "application/json");
            bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.writeBytes(body);
        }
        return api.handle(new HttpRequest(method, path, Map.of(), query, headers, bytes, "127.0.0.1", UUID.randomUUID().toString()));
    }

    public static JsonNode json(HttpResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static URI uri(String s) {
        return URI.create(s);
    }
}
