package io.botfleet.runner;

import java.util.Locale;

/** What the runner prints once the stack is up: where everything is, and how long it took. */
final class Banner {
    private Banner() {}

    static String render(LocalRunner runner, int healthStatus, double seconds, DemoSetup demo) {
        StringBuilder out = new StringBuilder();
        out.append("\n== botfleet local stack ==\n");
        out.append(String.format(Locale.ROOT, "healthy: %s (GET /api/health -> %d) in %.1f s%n",
                healthStatus == 200 ? "yes" : "NO", healthStatus, seconds));
        out.append("dashboard + API : ").append(runner.baseUrl()).append("/\n");
        out.append("health          : ").append(runner.baseUrl()).append("/api/health\n");
        out.append("webhooks        : ").append(runner.baseUrl()).append("/telegram/{botId}\n");
        out.append("DynamoDB/S3/SM  : ").append(runner.aws().motoEndpoint()).append(" (moto)\n");
        out.append("SQS             : ").append(runner.aws().sqsEndpoint()).append(" (ElasticMQ)\n");
        if (runner.telegram() != null) {
            out.append("Telegram        : ").append(runner.telegram().baseUrl()).append(" (emulator; control API at /control)\n");
        }
        if (demo != null) {
            out.append("demo bot        : @").append(demo.bot().username()).append(" (id ").append(demo.bot().id())
                    .append(", token: GET ").append(runner.telegram().baseUrl()).append("/control/bots), ")
                    .append(demo.users()).append(" simulated users\n");
        }
        out.append("first start     : create the owner account with setup token ")
                .append(runner.platformKeys().setupToken()).append(" (POST /api/setup)\n");
        out.append("stop            : Ctrl-C\n");
        return out.toString();
    }
}
