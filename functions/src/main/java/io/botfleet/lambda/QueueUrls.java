package io.botfleet.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The queue URLs a function knows (from its environment), found by the ARN an SQS event names its queue by. */
final class QueueUrls {
    private final Map<String, String> byName = new LinkedHashMap<>();

    QueueUrls(List<String> urls) {
        for (String url : urls) {
            if (url != null && !url.isBlank()) {
                byName.put(url.substring(url.lastIndexOf('/') + 1), url);
            }
        }
    }

    /** An ARN's last part is the queue's name, as is a URL's. */
    Optional<String> forArn(String arn) {
        return arn == null ? Optional.empty() : Optional.ofNullable(byName.get(arn.substring(arn.lastIndexOf(':') + 1)));
    }
}
