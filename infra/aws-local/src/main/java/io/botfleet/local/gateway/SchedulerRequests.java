package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What an EventBridge Scheduler (REST-JSON) request asks IAM for: the action follows the method and path
 * ({@code /schedules/{name}}, {@code /schedule-groups/{name}}), the resource is the schedule
 * ({@code arn:aws:scheduler:region:account:schedule/{group}/{name}}) or group; creating or updating a schedule also
 * passes its target's role ({@code iam:PassRole} on the role's ARN), as AWS checks.
 */
final class SchedulerRequests {
    private SchedulerRequests() {}

    static List<Access> accesses(AwsCall call) {
        String[] path = call.rawPath().replaceFirst("^/", "").split("/");
        String method = call.method();
        String prefix = "arn:aws:scheduler:" + AwsArns.REGION + ":" + AwsArns.ACCOUNT + ":";
        List<Access> out = new ArrayList<>();
        switch (path[0]) {
            case "schedules" -> {
                if (path.length == 1) {
                    out.add(new Access("scheduler:ListSchedules", "*"));
                    break;
                }
                String name = AwsCall.decode(path[1]);
                JsonNode body = method.equals("POST") || method.equals("PUT") ? call.json() : null;
                String group = body != null ? body.path("GroupName").asText("default")
                        : call.query().getOrDefault("groupName", "default");
                String action = switch (method) {
                    case "POST" -> "CreateSchedule";
                    case "PUT" -> "UpdateSchedule";
                    case "DELETE" -> "DeleteSchedule";
                    default -> "GetSchedule";
                };
                out.add(new Access("scheduler:" + action, prefix + "schedule/" + group + "/" + name));
                if (body != null && body.path("Target").hasNonNull("RoleArn")) {
                    out.add(new Access("iam:PassRole", body.path("Target").path("RoleArn").asText()));
                }
            }
            case "schedule-groups" -> {
                if (path.length == 1) {
                    out.add(new Access("scheduler:ListScheduleGroups", "*"));
                    break;
                }
                String action = switch (method) {
                    case "POST" -> "CreateScheduleGroup";
                    case "DELETE" -> "DeleteScheduleGroup";
                    default -> "GetScheduleGroup";
                };
                out.add(new Access("scheduler:" + action, prefix + "schedule-group/" + AwsCall.decode(path[1])));
            }
            case "tags" -> {
                String action = switch (method) {
                    case "POST" -> "TagResource";
                    case "DELETE" -> "UntagResource";
                    default -> "ListTagsForResource";
                };
                out.add(new Access("scheduler:" + action, AwsCall.decode(call.rawPath().substring("/tags/".length()))));
            }
            default -> out.add(new Access("scheduler:" + method, "*"));
        }
        return out;
    }
}
