package io.botfleet.lambda;

import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DynamoCampaignStore;
import io.botfleet.media.AwsMediaBucket;
import io.botfleet.media.DynamoFileIds;
import io.botfleet.media.DynamoMediaStore;
import io.botfleet.media.LibraryMediaTransport;
import io.botfleet.media.MediaLibrary;
import io.botfleet.media.MediaObjects;
import io.botfleet.media.MediaStore;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.telegram.TelegramBotApi;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The media library assembled once per function instance: the API, the media function and the senders each use a part. */
public record MediaModule(MediaStore store, MediaObjects objects, MediaLibrary library, DynamoFileIds fileIds, Clock clock) {

    public static MediaModule create(Env env, PlatformConfig config, DynamoDbClient dynamoDb, Clock clock) {
        AwsClientFactory aws = new AwsClientFactory(env, config);
        String table = env.required("MEDIA_TABLE");
        MediaStore store = new DynamoMediaStore(dynamoDb, table);
        MediaObjects objects = new AwsMediaBucket(aws::s3, aws::s3Presigner, config.mediaBucket());
        CampaignStore campaigns = new DynamoCampaignStore(dynamoDb, config.tables().campaigns(), clock);
        return new MediaModule(store, objects, new MediaLibrary(store, objects, campaigns, clock),
                new DynamoFileIds(dynamoDb, table), clock);
    }

    /** How senders reach Telegram: library files uploaded once per bot, then sent by file_id. */
    public LibraryMediaTransport transport(TelegramBotApi telegram) {
        return new LibraryMediaTransport(telegram, store, fileIds, objects, clock);
    }

    /** The media function's handler, from its environment. */
    public static MediaFunction mediaFunction(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        return new MediaFunction(create(env, config, new AwsClientFactory(env, config).dynamoDb(), Clock.systemUTC()).library());
    }
}
