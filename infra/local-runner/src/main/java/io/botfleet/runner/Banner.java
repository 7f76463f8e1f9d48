package io.botfleet.runner;

import java.util.Locale;

/** What the runner prints once the stack is up: where everything is, how long it took, and how to begin. */
final class Banner {
    private Banner() {}

    static String render(LocalRunner runner, int healthStatus, double seconds, DemoSetup demo) {
        StringBuilder out = new StringBuilder();
        out.append("\n== botfleet local stack ==\n");
        out.append(String.format(Locale.ROOT, "healthy: %s (GET /api/health -> %d) in %.1f s%n",
                healthStatus == 200 ? "yes" : "NO", healthStatus, seconds));
        out.append("dashboard + API : ").append(runner.baseUrl()).append("/\n");
        out.append("live (WebSocket): ").append(runner.wsUrl()).append("?token=<access token>\n");
        out.append("health          : ").append(runner.baseUrl()).append("/api/health\n");
        out.append("webhooks        : ").append(runner.webhookUrl()).append("telegram/{botId} (WebhookFunction's function URL)\n");
        out.append("DynamoDB/S3/SM  : ").append(runner.aws().motoEndpoint()).append(" (moto)\n");
        out.append("SQS             : ").append(runner.aws().sqsEndpoint()).append(" (ElasticMQ)\n");
        out.append("functions       : ").append(String.join(", ", runner.lambda().functionIds()))
                .append(" (each in its own JVM under the Lambda runtime, started on its first event)\n");
        if (runner.telegram() != null) {
            out.append("Telegram        : ").append(runner.telegram().baseUrl()).append(" (emulator; control API at /control)\n");
        }
        if (demo != null) {
            out.append("demo bot        : @").append(demo.bot().username()).append(" id ").append(demo.bot().id())
                    .append(", token ").append(demo.bot().token()).append(" (emulator only; register it with POST /api/bots)\n");
            demo.users().forEach(u -> out.append("demo user       : ").append(u.firstName()).append(" id ").append(u.id())
                    .append(" — subscribe: POST ").append(runner.telegram().baseUrl()).append("/control/bots/")
                    .append(demo.bot().id()).append("/users/").append(u.id()).append("/start\n"));
        }
        out.append("first start     : create the owner account with setup token ")
                .append(runner.platformKeys().setupToken()).append(" (POST /api/setup)\n");
        out.append("stop            : Ctrl-C\n");
        return out.toString();
    }
}
