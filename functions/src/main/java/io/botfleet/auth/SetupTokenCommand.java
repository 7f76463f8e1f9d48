package io.botfleet.auth;

import io.botfleet.shared.secrets.PlatformSecret;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Prints the owner's one-time setup token of a deployed stack, read with the deployer's own AWS credentials and region
 * (the SDK's default chains: environment, profile, SSO), so the token never passes through a stack output, a log or a
 * function. Only the token goes to standard output, so it can be piped; the rest goes to standard error.
 *
 * <pre>java -cp functions/target/functions-aws.jar io.botfleet.auth.SetupTokenCommand --secret-id &lt;PlatformSecretArn&gt;</pre>
 */
public final class SetupTokenCommand {

    private SetupTokenCommand() {}

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        int flag = arguments.indexOf("--secret-id");
        if (flag < 0 || flag + 1 >= arguments.size() || arguments.get(flag + 1).isBlank()) {
            System.err.println("usage: SetupTokenCommand --secret-id <the stack's PlatformSecretArn output>");
            System.exit(2);
        }
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            System.out.println(SetupToken.value(new PlatformSecret(client, arguments.get(flag + 1)).get()));
        }
        // The token is derived from the seed, not stored, so nothing records whether it was used.
        System.err.println("This token creates the owner account once (dashboard setup page, or POST /api/setup). "
                + "Whether setup was already completed is unknown to this command; if it was, the API refuses the "
                + "token (409 SETUP_ALREADY_DONE).");
    }
}
