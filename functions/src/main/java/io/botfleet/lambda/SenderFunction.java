package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.broadcast.send.SendBatchJson;
import io.botfleet.deadletters.FailureReason;
import io.botfleet.broadcast.send.SenderService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender: an SQS FIFO event (up to ten send batches) in, the batches to retry out (partial batch response).
 * A body that is not a send batch is reported failed, so it ends in the DLQ instead of vanishing. A batch handed
 * back for a Telegram {@code retry_after} comes back after it, one cut short by the invocation's end at once.
 */
public final class SenderFunction implements Function<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(SenderFunction.class);

    private final SenderService sender;
    private final Duration budget;
    private final SqsRedelivery redelivery;
    private final DeadLetterReasons reasons;

    /** @param budget how long one invocation may send (the function's timeout) */
    SenderFunction(SenderService sender, Duration budget, SqsRedelivery redelivery, DeadLetterReasons reasons) {
        this.sender = sender;
        this.budget = budget;
        this.redelivery = redelivery;
        this.reasons = reasons;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<SenderService.Delivery> deliveries = new ArrayList<>();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                deliveries.add(new SenderService.Delivery(message.getMessageId(), SendBatchJson.decode(message.getBody())));
            } catch (RuntimeException e) {
                log.error("message {} is not a send batch; it will reach the DLQ", message.getMessageId());
                reasons.failed(message, "not a send batch: " + FailureReason.describe(e));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        Map<String, SQSEvent.SQSMessage> byId = new HashMap<>();
        event.getRecords().forEach(m -> byId.put(m.getMessageId(), m));
        Map<Duration, List<SQSEvent.SQSMessage>> delayed = new LinkedHashMap<>();
        for (SenderService.Retry retry : sender.send(deliveries, () -> (deadline - System.nanoTime()) / 1_000_000)) {
            failures.add(new SQSBatchResponse.BatchItemFailure(retry.messageId()));
            reasons.failed(byId.get(retry.messageId()), retry.reason());
            retry.visibleAfter().ifPresent(d -> delayed.computeIfAbsent(d, k -> new ArrayList<>()).add(byId.get(retry.messageId())));
        }
        // before answering: once the items are reported failed, their visibility is the queue's unless changed
        delayed.forEach((delay, messages) -> redelivery.visibleAfter(messages, delay));
        return new SQSBatchResponse(failures);
    }
}
