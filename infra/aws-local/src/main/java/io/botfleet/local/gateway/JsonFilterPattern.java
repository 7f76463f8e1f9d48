package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs' JSON filter patterns ({@code { $.a = "x" && ($.b > 3 || $.c NOT EXISTS) }}), evaluated as the
 * service does: only log events that are JSON objects can match; {@code =} and {@code !=} compare strings (with
 * {@code *} as a wildcard) or numbers, {@code < <= > >=} numbers; a selector that names no field never matches a
 * comparison. moto matches every event against such a pattern, so the gateway applies it to what moto returns.
 * Syntax this class does not know is refused, so a pattern never silently matches more locally than on AWS.
 */
final class JsonFilterPattern {
    private static final ObjectMapper json = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private sealed interface Node permits And, Or, Comparison, Existence {}

    private record And(Node left, Node right) implements Node {}

    private record Or(Node left, Node right) implements Node {}

    private record Comparison(List<String> path, String operator, String value, boolean quoted) implements Node {}

    private record Existence(List<String> path, boolean exists) implements Node {}

    private final Node root;

    private JsonFilterPattern(Node root) {
        this.root = root;
    }

    static boolean isJson(String pattern) {
        return pattern != null && pattern.strip().startsWith("{");
    }

    /** @throws IllegalArgumentException for syntax the local stack does not evaluate */
    static JsonFilterPattern parse(String pattern) {
        String body = pattern.strip();
        if (!body.endsWith("}")) {
            throw new IllegalArgumentException("a JSON filter pattern must end with }");
        }
        Parser parser = new Parser(tokens(body.substring(1, body.length() - 1)));
        Node root = parser.or();
        if (parser.position != parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected " + parser.tokens.get(parser.position) + " in filter pattern");
        }
        return new JsonFilterPattern(root);
    }

    boolean matches(String message) {
        JsonNode event;
        try {
            event = json.readTree(message);
        } catch (Exception e) {
            return false;
        }
        return event != null && event.isObject() && evaluate(root, event);
    }

    private static boolean evaluate(Node node, JsonNode event) {
        return switch (node) {
            case And a -> evaluate(a.left(), event) && evaluate(a.right(), event);
            case Or o -> evaluate(o.left(), event) || evaluate(o.right(), event);
            case Existence e -> select(event, e.path()) != null == e.exists();
            case Comparison c -> compare(select(event, c.path()), c);
        };
    }

    private static JsonNode select(JsonNode event, List<String> path) {
        JsonNode node = event;
        for (String field : path) {
            node = node.get(field);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static boolean compare(JsonNode field, Comparison c) {
        if (field == null || field.isContainerNode()) {
            return false;
        }
        if (!c.quoted() && NUMBER.matcher(c.value()).matches() && field.isNumber()) {
            int order = Double.compare(field.asDouble(), Double.parseDouble(c.value()));
            return switch (c.operator()) {
                case "=" -> order == 0;
                case "!=" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> false;
            };
        }
        boolean equal = wildcard(c.value()).matcher(field.asText()).matches();
        return switch (c.operator()) {
            case "=" -> equal;
            case "!=" -> !equal;
            default -> false;
        };
    }

    private static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        for (String part : value.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '"') {
                int end = i + 1;
                StringBuilder s = new StringBuilder("\"");
                while (end < text.length() && text.charAt(end) != '"') {
                    if (text.charAt(end) == '\\' && end + 1 < text.length()) {
                        end++;
                    }
                    s.append(text.charAt(end++));
                }
                if (end >= text.length()) {
                    throw new IllegalArgumentException("unterminated string in filter pattern");
                }
                tokens.add(s.append('"').toString());
                i = end + 1;
            } else if ("()".indexOf(ch) >= 0) {
                tokens.add(String.valueOf(ch));
                i++;
            } else if (text.startsWith("&&", i) || text.startsWith("||", i) || text.startsWith("!=", i)
                    || text.startsWith("<=", i) || text.startsWith(">=", i)) {
                tokens.add(text.substring(i, i + 2));
                i += 2;
            } else if ("=<>".indexOf(ch) >= 0) {
                tokens.add(String.valueOf(ch));
                i++;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "()=<>!&|\"".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                if (end == i) {
                    throw new IllegalArgumentException("unexpected '" + ch + "' in filter pattern");
                }
                tokens.add(text.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static final class Parser {
        final List<String> tokens;
        int position;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        Node or() {
            Node left = and();
            while (peek("||")) {
                position++;
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = term();
            while (peek("&&")) {
                position++;
                left = new And(left, term());
            }
            return left;
        }

        Node term() {
            if (peek("(")) {
                position++;
                Node inner = or();
                expect(")");
                return inner;
            }
            String selector = next();
            if (!selector.startsWith("$.") || selector.contains("[")) {
                throw new IllegalArgumentException("unsupported selector " + selector + " (only $.field.field)");
            }
            List<String> path = List.of(selector.substring(2).split("\\."));
            if (peek("EXISTS") || peek("NOT")) {
                boolean not = next().equals("NOT");
                if (not) {
                    expect("EXISTS");
                }
                return new Existence(path, !not);
            }
            String operator = next();
            if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(operator)) {
                throw new IllegalArgumentException("unsupported operator " + operator);
            }
            String value = next();
            boolean quoted = value.startsWith("\"");
            return new Comparison(path, operator, quoted ? value.substring(1, value.length() - 1) : value, quoted);
        }

        boolean peek(String token) {
            return position < tokens.size() && tokens.get(position).equals(token);
        }

        String next() {
            if (position >= tokens.size()) {
                throw new IllegalArgumentException("filter pattern ends too early");
            }
            return tokens.get(position++);
        }

        void expect(String token) {
            if (!next().equals(token)) {
                throw new IllegalArgumentException("expected " + token + " in filter pattern");
            }
        }
    }
}
