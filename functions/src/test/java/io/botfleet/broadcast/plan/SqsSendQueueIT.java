package io.botfleet.broadcast.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.send.SendBatch;
import io.botfleet.broadcast.send.SendBatchJson;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The send queues on the local stack: how batches become FIFO messages, and that a repeat is dropped. */
@LocalAws
class SqsSendQueueIT {
    private final SqsClient sqs;
    private final String free;
    private final String paid;
    private final SqsSendQueue queue;

    SqsSendQueueIT(LocalAwsStack stack) {
        sqs = stack.clients().sqs();
        free = stack.resource("SendQueue").ref();
        paid = stack.resource("PaidSendQueue").ref();
        queue = new SqsSendQueue(sqs, free, paid);
    }

    private static List<SendBatch> batches(String campaign, int n) {
        List<SendBatch> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Long> chats = new ArrayList<>();
            for (int c = 0; c < SendBatch.MAX_RECIPIENTS; c++) {
                chats.add(-1_001_000_000_000L - i * 1000L - c);
            }
            out.add(new SendBatch(campaign, "77", i, chats));
        }
        return out;
    }

    private List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        List<Message> got;
        do {
            got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            all.addAll(got);
            got.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        } while (!got.isEmpty());
        return all;
    }

    @Test
    void aPaidMessageCarriesTenBatchesInOrderAndAFreeOneOne() {
        List<SendBatch> planned = batches("c-paid-group", 23);
        queue.enqueue(planned, 0, true);
        // planned again (a planner that died before saving its cursor): the same messages, dropped by SQS
        queue.enqueue(planned, 0, true);

        List<Message> messages = drain(paid);
        assertThat(messages).hasSize(3);
        List<SendBatch> received = messages.stream().flatMap(m -> SendBatchJson.decode(m.body()).stream()).toList();
        assertThat(received).containsExactlyElementsOf(planned);
        assertThat(messages).extracting(m -> SendBatchJson.decode(m.body()).size()).containsExactly(10, 10, 3);
        // a thousand supergroup ids, the longest chat ids there are, stay far below SQS's 256 KB
        assertThat(messages.getFirst().body().length()).isLessThan(32 * 1024);

        queue.enqueue(batches("c-free-group", 3), 0, false);
        assertThat(drain(free)).extracting(m -> SendBatchJson.decode(m.body()).size()).containsExactly(1, 1, 1);
    }
}
