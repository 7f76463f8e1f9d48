package io.botfleet.local;

import static io.botfleet.local.template.SamTemplate.list;
import static io.botfleet.local.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.template.SamTemplate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** After start-up every resource template.yaml declares exists in the emulators, with the declared shape. */
@LocalAws
class TemplateResourcesTest {

    @Test
    void everyTableExistsWithItsKeysIndexesAndTtl(LocalAwsStack stack) {
        Map<String, SamTemplate.Resource> tables = stack.template().resourcesOfType(ResourceProvisioner.TABLE);
        assertThat(tables).isNotEmpty();
        assertThat(Set.copyOf(stack.clients().dynamoDb().listTables().tableNames())).containsAll(tables.keySet());
        tables.forEach((id, declared) -> {
            TableDescription actual = stack.clients().dynamoDb().describeTable(b -> b.tableName(id)).table();
            assertThat(keys(actual.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString())))
                    .as(id + " key schema").isEqualTo(keys(list(declared.property("KeySchema")).stream()
                            .map(k -> map(k).get("AttributeName") + ":" + map(k).get("KeyType"))));
            Set<String> declaredIndexes = list(declared.property("GlobalSecondaryIndexes")).stream()
                    .map(g -> String.valueOf(map(g).get("IndexName"))).collect(Collectors.toSet());
            Set<String> actualIndexes = actual.globalSecondaryIndexes() == null ? Set.of()
                    : actual.globalSecondaryIndexes().stream().map(g -> g.indexName()).collect(Collectors.toSet());
            assertThat(actualIndexes).as(id + " indexes").isEqualTo(declaredIndexes);
            Map<String, Object> ttl = map(declared.property("TimeToLiveSpecification"));
            if (!ttl.isEmpty()) {
                var described = stack.clients().dynamoDb().describeTimeToLive(b -> b.tableName(id)).timeToLiveDescription();
                assertThat(described.timeToLiveStatus()).as(id + " TTL").isEqualTo(TimeToLiveStatus.ENABLED);
                assertThat(described.attributeName()).isEqualTo(ttl.get("AttributeName"));
            }
        });
    }

    @Test
    void everyQueueExistsWithFifoAndRedrive(LocalAwsStack stack) {
        Map<String, SamTemplate.Resource> queues = stack.template().resourcesOfType(ResourceProvisioner.QUEUE);
        assertThat(queues).isNotEmpty();
        queues.forEach((id, declared) -> {
            String url = stack.resource(id).ref();
            Map<QueueAttributeName, String> attributes = stack.clients().sqs()
                    .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
            assertThat(Boolean.parseBoolean(attributes.getOrDefault(QueueAttributeName.FIFO_QUEUE, "false")))
                    .as(id + " FIFO").isEqualTo(ResourceProvisioner.isFifo(declared));
            if (declared.properties().containsKey("VisibilityTimeout")) {
                assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                        .isEqualTo(String.valueOf(declared.property("VisibilityTimeout")));
            }
            Map<String, Object> redrive = map(declared.property("RedrivePolicy"));
            if (!redrive.isEmpty()) {
                String policy = attributes.get(QueueAttributeName.REDRIVE_POLICY);
                assertThat(policy).as(id + " redrive").contains(String.valueOf(redrive.get("maxReceiveCount")));
                String dlq = ((io.botfleet.local.template.Intrinsic.GetAtt) redrive.get("deadLetterTargetArn")).resource();
                assertThat(policy).contains(stack.resource(dlq).attribute("QueueName"));
            }
        });
    }

    @Test
    void everyBucketAndSecretExists(LocalAwsStack stack) {
        Map<String, SamTemplate.Resource> buckets = stack.template().resourcesOfType(ResourceProvisioner.BUCKET);
        Map<String, SamTemplate.Resource> secrets = stack.template().resourcesOfType(ResourceProvisioner.SECRET);
        assertThat(buckets).isNotEmpty();
        assertThat(secrets).isNotEmpty();
        buckets.keySet().forEach(id -> stack.clients().s3().headBucket(b -> b.bucket(stack.resource(id).ref())));
        secrets.keySet().forEach(id -> assertThat(stack.clients().secrets()
                .getSecretValue(b -> b.secretId(stack.resource(id).ref())).secretString()).isNotBlank());
    }

    @Test
    void resetEmptiesTablesButKeepsEveryResource(LocalAwsStack stack) {
        stack.clients().dynamoDb().putItem(b -> b.tableName("EphemeralTable").item(Map.of("pk",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))));
        stack.reset();
        assertThat(stack.clients().dynamoDb().scan(b -> b.tableName("EphemeralTable")).count()).isZero();
        assertThat(stack.clients().dynamoDb().listTables().tableNames())
                .containsAll(stack.template().resourcesOfType(ResourceProvisioner.TABLE).keySet());
    }

    private static Set<String> keys(java.util.stream.Stream<String> s) {
        return s.collect(Collectors.toSet());
    }
}
