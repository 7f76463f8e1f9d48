package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.auth.Role;
import io.botfleet.auth.User;
import io.botfleet.auth.UserAdministration;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.ids.Ulid;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Team management: users (role, bot scope, disable), single-use invitations. */
public final class UserRoutes {
    private UserRoutes() {}

    public record InviteRequest(String email, String role, List<String> botIds) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredEmail("email", email);
            if (v.required("role", role)) {
                v.oneOf("role", role, Role.class);
            }
            v.ids("botIds", botIds, 100);
        }
    }

    public record AcceptInviteRequest(String token, String password, String displayName) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredText("token", token, 1, 200);
            v.requiredPassword("password", password);
            v.requiredText("displayName", displayName, 1, 100);
        }

        @Override
        public String toString() {
            return "AcceptInviteRequest[redacted]";
        }
    }

    public record UpdateUserRequest(String role, List<String> botIds, String status, String displayName)
            implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.oneOf("role", role, Role.class);
            v.ids("botIds", botIds, 100);
            v.oneOf("status", status, User.Status.class);
            v.text("displayName", displayName, 1, 100);
        }
    }

    public static List<Route> routes(UserAdministration team, String inviteBaseUrl) {
        Route.Access manage = Route.Access.requires(Permission.USERS_MANAGE);
        return List.of(
                new Route("GET", "/api/users", manage, (request, caller) ->
                        HttpResponse.json(200, Map.of("users", team.users().stream().map(Views.UserView::of).toList()))),
                new Route("PATCH", "/api/users/{userId}", manage, (request, caller) -> {
                    String userId = request.pathParameter("userId");
                    if (!Ulid.isValid(userId)) {
                        throw ApiException.notFound("USER_NOT_FOUND", "No such user");
                    }
                    UpdateUserRequest body = RequestBody.parse(request, UpdateUserRequest.class);
                    Validation v = new Validation();
                    Role role = v.oneOf("role", body.role(), Role.class);
                    User.Status status = v.oneOf("status", body.status(), User.Status.class);
                    User updated = team.updateUser(caller.requirePrincipal(), userId, new UserAdministration.UserChanges(role,
                            body.botIds() == null ? null : new LinkedHashSet<>(body.botIds()), status, body.displayName()));
                    return HttpResponse.json(200, Views.UserView.of(updated));
                }),
                new Route("GET", "/api/invites", manage, (request, caller) ->
                        HttpResponse.json(200, Map.of("invites", team.invites().stream().map(Views.InviteView::of).toList()))),
                new Route("POST", "/api/invites", manage, (request, caller) -> {
                    InviteRequest body = RequestBody.parse(request, InviteRequest.class);
                    Role role = new Validation().oneOf("role", body.role(), Role.class);
                    Set<String> bots = body.botIds() == null ? Set.of() : new LinkedHashSet<>(body.botIds());
                    UserAdministration.CreatedInvite created = team.invite(caller.requirePrincipal(), body.email(), role, bots);
                    caller.audit().target("invite", created.invite().inviteId());
                    // the secret travels in the URL fragment, which browsers never send to a server or a log
                    return HttpResponse.json(201, Map.of("invite", Views.InviteView.of(created.invite()),
                            "token", created.token(), "inviteUrl", inviteBaseUrl + "#token=" + created.token()));
                }),
                new Route("DELETE", "/api/invites/{inviteId}", manage, (request, caller) -> {
                    String inviteId = request.pathParameter("inviteId");
                    if (!Ulid.isValid(inviteId)) {
                        throw ApiException.notFound("INVITE_NOT_FOUND", "No such invite");
                    }
                    team.revokeInvite(inviteId);
                    return HttpResponse.empty(204);
                }),
                new Route("POST", "/api/invites/accept", Route.Access.PUBLIC, (request, caller) -> {
                    AcceptInviteRequest body = RequestBody.parse(request, AcceptInviteRequest.class);
                    User user = team.acceptInvite(body.token(), body.password(), body.displayName());
                    caller.audit().actor("user", user.userId(), Views.lower(user.role())).target("user", user.userId());
                    return HttpResponse.json(201, Map.of("user", Views.UserView.of(user)));
                }));
    }
}
