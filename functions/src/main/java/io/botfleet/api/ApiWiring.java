package io.botfleet.api;

import io.botfleet.health.AwsDependencyChecks;
import io.botfleet.health.HealthRoutes;
import io.botfleet.health.HealthService;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.telegram.TelegramBotApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the admin API once per function instance: clients, services, and the route table. */
public final class ApiWiring {
    private ApiWiring() {}

    public static AdminApi create(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        var dynamoDb = aws.dynamoDb();
        var sqs = aws.sqs();
        var s3 = aws.s3();
        var secrets = aws.secretsManager();
        TelegramBotApi telegram = TelegramBotApi.create(config.telegramApiBase());
        Clock clock = Clock.systemUTC();

        List<Route> routes = new ArrayList<>();
        routes.addAll(HealthRoutes.routes(new HealthService(
                AwsDependencyChecks.all(config, dynamoDb, sqs, s3, secrets, telegram), Duration.ofSeconds(3), clock)));
        return new AdminApi(routes, request -> Optional.empty());
    }
}
