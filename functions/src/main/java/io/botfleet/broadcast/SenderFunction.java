package io.botfleet.broadcast;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.broadcast.send.SendBatchCodec;
import io.botfleet.broadcast.send.SenderService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender: an SQS FIFO event (up to ten send batches) in, the batches to retry out (partial batch response).
 * A body that is not a send batch is reported failed, so it ends in the DLQ instead of vanishing.
 */
public final class SenderFunction implements Function<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(SenderFunction.class);

    private final SenderService sender;
    private final Duration budget;

    /** @param budget how long one invocation may send (the function's timeout) */
    public SenderFunction(SenderService sender, Duration budget) {
        this.sender = sender;
        this.budget = budget;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<SenderService.Delivery> deliveries = new ArrayList<>();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                deliveries.add(new SenderService.Delivery(message.getMessageId(), SendBatchCodec.decode(message.getBody())));
            } catch (RuntimeException e) {
                log.error("message {} is not a send batch; it will reach the DLQ", message.getMessageId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        sender.send(deliveries, () -> (deadline - System.nanoTime()) / 1_000_000)
                .forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        return new SQSBatchResponse(failures);
    }
}
