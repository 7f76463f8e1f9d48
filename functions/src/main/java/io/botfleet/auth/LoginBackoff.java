package io.botfleet.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins back off per account and per source IP: after {@code threshold} failures within the window, the
 * next attempt must wait {@code base · 2^(failures − threshold)}, capped at 15 minutes. Accounts are keyed by a hash of
 * the e-mail as typed (existing or not, so a lockout reveals nothing; and a password typed into the e-mail field is
 * never stored).
 */
public final class LoginBackoff {
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Counters counters;
    private final int accountThreshold;
    private final int ipThreshold;
    private final Duration base;

    public LoginBackoff(Counters counters, int accountThreshold, int ipThreshold, Duration base) {
        this.counters = counters;
        this.accountThreshold = accountThreshold;
        this.ipThreshold = ipThreshold;
        this.base = base;
    }

    public static LoginBackoff standard(Counters counters) {
        return new LoginBackoff(counters, 5, 20, Duration.ofSeconds(30));
    }

    /** How long the caller must wait before trying again, if locked out. */
    public Optional<Duration> lockedFor(String email, String ip, Instant now) {
        Duration account = wait(accountKey(email), accountThreshold, now);
        Duration byIp = wait(ipKey(ip), ipThreshold, now);
        Duration longest = account.compareTo(byIp) >= 0 ? account : byIp;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void recordFailure(String email, String ip, Instant now) {
        counters.recordFailure(accountKey(email), now, now.plus(WINDOW));
        counters.recordFailure(ipKey(ip), now, now.plus(WINDOW));
    }

    /** A success clears the account's failures (not the IP's: one good account must not reset a spraying IP). */
    public void recordSuccess(String email) {
        counters.clear(accountKey(email));
    }

    static Duration delay(long failures, int threshold, Duration base) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        long exponent = Math.min(failures - threshold, 20);
        Duration d = base.multipliedBy(1L << exponent);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private Duration wait(String key, int threshold, Instant now) {
        return counters.failures(key, now).map(f -> {
            Instant until = f.last().plus(delay(f.count(), threshold, base));
            return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        }).orElse(Duration.ZERO);
    }

    private static String accountKey(String email) {
        return "LOGINFAIL#" + Secrets.sha256("login:" + email).substring(0, 32);
    }

    private static String ipKey(String ip) {
        return "LOGINFAIL#IP#" + ip;
    }
}
