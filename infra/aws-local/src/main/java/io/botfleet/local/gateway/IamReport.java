package io.botfleet.local.gateway;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Every authorization the gateway decided for a function, to compare what each function uses with what its role
 * grants: the grants never used are candidates for removal, the denials are missing grants (or bugs).
 */
public final class IamReport {
    private final Supplier<IamPolicies> policies;
    private final Map<String, Map<Use, LongAdder>> byFunction = new ConcurrentHashMap<>();

    /** An action on a resource, allowed or denied. */
    public record Use(String action, String resource, boolean allowed) {}

    /** A grant: one action pattern of a role's Allow statement on one of its resource patterns. */
    public record Grant(String policy, String action, String resource) {}

    IamReport(Supplier<IamPolicies> policies) {
        this.policies = policies;
    }

    void record(Principal principal, Access access, Decision decision) {
        byFunction.computeIfAbsent(principal.function(), f -> new ConcurrentHashMap<>())
                .computeIfAbsent(new Use(access.action(), access.resource(), decision.allowed()), u -> new LongAdder())
                .increment();
    }

    /** How often each action on each resource was allowed or denied for {@code function}. */
    public Map<Use, Long> uses(String function) {
        Map<Use, Long> out = new ConcurrentHashMap<>();
        byFunction.getOrDefault(function, Map.of()).forEach((use, count) -> out.put(use, count.sum()));
        return out;
    }

    /** The grants of {@code function}'s role that no allowed call matched. */
    public List<Grant> unusedGrants(String function) {
        List<Use> allowed = uses(function).keySet().stream().filter(Use::allowed).toList();
        List<Grant> unused = new ArrayList<>();
        for (Statement s : policies.get().role(function).statements()) {
            if (!s.allow()) {
                continue;
            }
            for (IamPattern action : s.actions()) {
                for (IamPattern resource : s.resources()) {
                    if (allowed.stream().noneMatch(u -> action.matches(u.action()) && resource.matches(u.resource()))) {
                        unused.add(new Grant(s.policy(), action.text(), resource.text()));
                    }
                }
            }
        }
        return unused;
    }

    /**
     * Prints, per function: the actions used (with counts), the denials, and the grants never used, e.g.
     * <pre>
     * WebhookFunction (role WebhookFunctionRole)
     *   used     dynamodb:PutItem on arn:aws:dynamodb:us-east-1:123456789012:table/SubscribersTable (12)
     *   DENIED   dynamodb:PutItem on arn:aws:dynamodb:us-east-1:123456789012:table/AccountsTable (1)
     *   unused   dynamodb:Scan on arn:aws:dynamodb:us-east-1:123456789012:table/BotsTable [WebhookFunctionRolePolicy0]
     * </pre>
     */
    public void print(PrintStream out) {
        IamPolicies current = policies.get();
        out.println("IAM: used versus granted, per function (local AWS gateway)");
        for (String function : new TreeSet<>(current.principals())) {
            out.println(function + " (role " + current.role(function).name() + ")");
            Map<Use, Long> uses = uses(function);
            Comparator<Use> order = Comparator.comparing(Use::action).thenComparing(Use::resource);
            uses.keySet().stream().sorted(order).filter(Use::allowed)
                    .forEach(u -> out.println("  used     " + u.action() + " on " + u.resource() + " (" + uses.get(u) + ")"));
            uses.keySet().stream().sorted(order).filter(u -> !u.allowed())
                    .forEach(u -> out.println("  DENIED   " + u.action() + " on " + u.resource() + " (" + uses.get(u) + ")"));
            unusedGrants(function).forEach(g -> out.println("  unused   " + g.action() + " on " + g.resource() + " [" + g.policy() + "]"));
        }
    }
}
