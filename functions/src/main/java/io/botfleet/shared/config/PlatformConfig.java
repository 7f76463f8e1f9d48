package io.botfleet.shared.config;

import java.net.URI;
import java.util.Optional;

/**
 * Configuration every function shares, read once per function from its environment. {@code publicBaseUrl} (the HTTP
 * API's) is absent for functions behind the HTTP API (a template variable would be a circular reference);
 * {@code webhookBaseUrl} (the webhook's function URL and {@code telegram}) is set where webhooks are pointed.
 */
public record PlatformConfig(
        String stage,
        String region,
        Tables tables,
        Queues queues,
        String mediaBucket,
        String platformSecretId,
        URI telegramApiBase,
        Optional<URI> publicBaseUrl,
        Optional<URI> webhookBaseUrl,
        String dashboardOrigin,
        String adminIpAllowlist,
        boolean webhookSourceCheck,
        Endpoints endpoints) {

    public record Tables(String bots, String subscribers, String ephemeral, String accounts, String audit,
                         String campaigns, String deliveries) {}

    /** Free-rate and paid broadcasts have a send queue (and sender function) each: see template.yaml. */
    public record Queues(String send, String sendDlq, String paidSend, String paidSendDlq, String events,
                         String campaignStart) {}

    /** Endpoint overrides (emulators); empty on AWS, where the SDK finds the regional endpoints itself. */
    public record Endpoints(Optional<URI> aws, Optional<URI> sqs) {
        public Optional<URI> forSqs() {
            return sqs.or(() -> aws);
        }
    }

    /** The instance id of this deployment (env {@code INSTANCE_ID}); leases and the webhook agree on it. */
    public static String instanceId(Env env) {
        return env.orDefault("INSTANCE_ID", "primary");
    }

    /** The CloudWatch namespace of the functions' embedded metrics (env {@code POWERTOOLS_METRICS_NAMESPACE}). */
    public static String metricsNamespace(Env env) {
        return env.orDefault("POWERTOOLS_METRICS_NAMESPACE", "botfleet");
    }

    public static PlatformConfig from(Env env) {
        return new PlatformConfig(
                env.orDefault("STAGE", "dev"),
                env.optional("AWS_REGION").or(() -> env.optional("AWS_DEFAULT_REGION")).orElse("us-east-1"),
                new Tables(
                        env.required("BOTS_TABLE"),
                        env.required("SUBSCRIBERS_TABLE"),
                        env.required("EPHEMERAL_TABLE"),
                        env.required("ACCOUNTS_TABLE"),
                        env.required("AUDIT_TABLE"),
                        env.required("CAMPAIGNS_TABLE"),
                        env.required("DELIVERIES_TABLE")),
                new Queues(
                        env.required("SEND_QUEUE_URL"),
                        env.required("SEND_DLQ_URL"),
                        env.required("PAID_SEND_QUEUE_URL"),
                        env.required("PAID_SEND_DLQ_URL"),
                        env.required("EVENTS_QUEUE_URL"),
                        env.required("CAMPAIGN_START_QUEUE_URL")),
                env.required("MEDIA_BUCKET"),
                env.required("PLATFORM_SECRET_ID"),
                URI.create(env.orDefault("TELEGRAM_API_BASE", "https://api.telegram.org")),
                env.uri("PUBLIC_BASE_URL"),
                env.uri("WEBHOOK_BASE_URL"),
                env.orDefault("DASHBOARD_ORIGIN", ""),
                env.orDefault("ADMIN_IP_ALLOWLIST", ""),
                env.orDefault("WEBHOOK_SOURCE_CHECK", "off").equalsIgnoreCase("on"),
                new Endpoints(env.uri("AWS_ENDPOINT_URL"), env.uri("AWS_ENDPOINT_URL_SQS")));
    }
}
