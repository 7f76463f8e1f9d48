package io.botfleet.lambda;

import io.botfleet.ads.AdService;
import io.botfleet.ads.AdSponsorships;
import io.botfleet.ads.DynamoAdStore;
import io.botfleet.ads.DynamoDailyDeliveries;
import io.botfleet.api.AdRoutes;
import io.botfleet.api.Route;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.clicks.ClickCodes;
import io.botfleet.clicks.DynamoClickLedger;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.paging.CursorCodec;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Ads assembled once per function instance: the API's advertiser and order routes, the senders' sponsorships. */
public record AdsModule(AdService service, AdSponsorships sponsorships, CampaignStore campaigns) {

    public static AdsModule create(PlatformConfig config, DynamoDbClient dynamoDb, CampaignStore campaigns,
                                   Supplier<PlatformKeys> keys, Clock clock) {
        String table = config.tables().campaigns();
        var store = new DynamoAdStore(dynamoDb, table);
        var clicks = new DynamoClickLedger(dynamoDb, table);
        var service = new AdService(store, campaigns, clicks, new DynamoDailyDeliveries(dynamoDb, table), clock);
        var sponsorships = new AdSponsorships(store, campaigns, clicks, new ClickCodes(() -> keys.get().clickCodeKey()),
                config.publicBaseUrl());
        return new AdsModule(service, sponsorships, campaigns);
    }

    public List<Route> routes(CursorCodec cursors) {
        return AdRoutes.routes(service, campaigns, cursors);
    }
}
