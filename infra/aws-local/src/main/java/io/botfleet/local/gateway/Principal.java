package io.botfleet.local.gateway;

/**
 * Who signed a request: the stack's admin key (provisioning, tests, the deployer) or a function acting as its role.
 *
 * @param function the function's logical id; null for the admin
 * @param role     the role's logical id (the local role name); null for the admin
 */
public record Principal(String function, String role) {
    public static final Principal ADMIN = new Principal(null, null);

    public boolean admin() {
        return function == null;
    }

    /** What AWS names the caller in an AccessDenied message. */
    public String arn() {
        return admin()
                ? "arn:aws:iam::" + AwsArns.ACCOUNT + ":root"
                : "arn:aws:sts::" + AwsArns.ACCOUNT + ":assumed-role/" + role + "/" + function;
    }
}
