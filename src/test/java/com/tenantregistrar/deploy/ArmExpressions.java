package com.tenantregistrar.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Evaluates the ARM template expressions of {@code deploy/azuredeploy.json} with given parameter values, so that a
 * test asserts what the template computes (the role's scopes, the allowed callers) rather than how it is spelt. It
 * knows only the functions the template uses, with the semantics of Microsoft's template-functions reference, and
 * fails on any other: an expression it cannot evaluate is a test failure, never a silent pass.
 * {@code uniqueString} and {@code guid} are stand-ins of the same form (ARM's hashes are not public).
 */
final class ArmExpressions {

    /** A function of the lambda functions ({@code filter}, {@code map}): its variable names and body. */
    private record Lambda(List<String> names, Node body) {
    }

    private sealed interface Node permits Literal, Call, Index, Member {
    }

    private record Literal(Object value) implements Node {
    }

    private record Call(String function, List<Node> arguments) implements Node {
    }

    private record Index(Node target, Node index) implements Node {
    }

    private record Member(Node target, String name) implements Node {
    }

    /** The resource group deployed to, as {@code resourceGroup()} gives it. */
    static final String RESOURCE_GROUP = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/csp-billing";

    private final JsonNode template;
    private final Map<String, Object> parameters;
    private final Map<String, Object> lambdaVariables = new LinkedHashMap<>();
    private Integer copyIndex;

    /** The template's expressions with these parameter values; the others take their defaults. */
    ArmExpressions(JsonNode template, Map<String, ?> parameters) {
        this.template = template;
        this.parameters = new LinkedHashMap<>(parameters);
    }

    /** The same, inside the copy loop at this index ({@code copyIndex()}). */
    ArmExpressions atCopyIndex(int index) {
        ArmExpressions copy = new ArmExpressions(template, parameters);
        copy.copyIndex = index;
        return copy;
    }

    /** The value of a template JSON value: expressions evaluated, in arrays and objects too. */
    Object value(JsonNode node) {
        if (node.isTextual()) {
            return evaluate(node.asText());
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(value(e)));
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> map.put(f.getKey(), value(f.getValue())));
            return map;
        }
        return new ObjectMapper().convertValue(node, Object.class);
    }

    /** A string of the template: an expression ({@code "[…]"}) evaluated, any other string as it is. */
    Object evaluate(String text) {
        if (text.startsWith("[[") || !text.startsWith("[") || !text.endsWith("]")) {
            return text.startsWith("[[") ? text.substring(1) : text;
        }
        Parser parser = new Parser(text.substring(1, text.length() - 1));
        Node node = parser.expression();
        parser.end();
        return eval(node);
    }

    private Object eval(Node node) {
        if (node instanceof Literal l) {
            return l.value();
        }
        if (node instanceof Member m) {
            return member(eval(m.target()), m.name());
        }
        if (node instanceof Index i) {
            Object target = eval(i.target());
            Object index = eval(i.index());
            return target instanceof List<?> list ? list.get(((Number) index).intValue()) : member(target, (String) index);
        }
        return call((Call) node);
    }

    private static Object member(Object target, String name) {
        if (!(target instanceof Map<?, ?> map) || !map.containsKey(name)) {
            throw new AssertionError("no property '" + name + "' in " + target);
        }
        return map.get(name);
    }

    private Object call(Call c) {
        List<Node> a = c.arguments();
        Function<Integer, Object> arg = n -> eval(a.get(n));
        return switch (c.function().toLowerCase(Locale.ROOT)) {
            case "parameters" -> parameter((String) arg.apply(0));
            case "variables" -> value(require(template.path("variables").path((String) arg.apply(0)), arg.apply(0)));
            case "lambda" -> new Lambda(a.subList(0, a.size() - 1).stream().map(n -> (String) eval(n)).toList(),
                    a.get(a.size() - 1));
            case "lambdavariables" -> lambdaVariables.get((String) arg.apply(0));
            case "filter" -> list(arg.apply(0)).stream().filter(e -> (Boolean) apply(arg.apply(1), e)).toList();
            case "map" -> list(arg.apply(0)).stream().map(e -> apply(arg.apply(1), e)).toList();
            case "if" -> (Boolean) arg.apply(0) ? arg.apply(1) : arg.apply(2);
            case "not" -> !(Boolean) arg.apply(0);
            case "mul" -> ((Number) arg.apply(0)).longValue() * ((Number) arg.apply(1)).longValue();
            case "empty" -> empty(arg.apply(0));
            case "length" -> (long) (arg.apply(0) instanceof String s ? s.length() : list(arg.apply(0)).size());
            case "union" -> {
                LinkedHashSet<Object> all = new LinkedHashSet<>();
                a.forEach(n -> all.addAll(list(eval(n))));
                yield List.copyOf(all);
            }
            case "split" -> List.of(((String) arg.apply(0)).split(Pattern.quote((String) arg.apply(1)), -1));
            case "last" -> list(arg.apply(0)).get(list(arg.apply(0)).size() - 1);
            case "trim" -> ((String) arg.apply(0)).strip();
            case "tolower" -> ((String) arg.apply(0)).toLowerCase(Locale.ROOT);
            case "replace" -> ((String) arg.apply(0)).replace((String) arg.apply(1), (String) arg.apply(2));
            case "concat" -> a.stream().map(n -> String.valueOf(eval(n))).reduce("", String::concat);
            case "format" -> format(a.stream().map(this::eval).toList());
            case "copyindex" -> (long) copyIndex();
            case "resourcegroup" -> Map.of("id", RESOURCE_GROUP, "location", "westeurope");
            case "subscription" -> Map.of("id", RESOURCE_GROUP.substring(0, RESOURCE_GROUP.indexOf("/resourceGroups/")),
                    "subscriptionId", RESOURCE_GROUP.split("/")[2], "tenantId", "00000000-0000-0000-0000-0000000000bb");
            case "resourceid" -> resourceId(RESOURCE_GROUP, a.stream().map(n -> (String) eval(n)).toList());
            case "subscriptionresourceid" -> resourceId(RESOURCE_GROUP.substring(0, RESOURCE_GROUP.indexOf("/resourceGroups/")),
                    a.stream().map(n -> (String) eval(n)).toList());
            case "guid" -> UUID.nameUUIDFromBytes(a.stream().map(n -> String.valueOf(eval(n))).reduce("", String::concat)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            case "uniquestring" -> uniqueString(a.stream().map(n -> String.valueOf(eval(n))).toList());
            default -> throw new AssertionError("the test cannot evaluate " + c.function() + "(): teach ArmExpressions it");
        };
    }

    private Object parameter(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        JsonNode declared = require(template.path("parameters").path(name), name);
        return value(require(declared.path("defaultValue"), name + " (no value given, no default)"));
    }

    private int copyIndex() {
        if (copyIndex == null) {
            throw new AssertionError("copyIndex() outside a copy loop");
        }
        return copyIndex;
    }

    private Object apply(Object lambda, Object element) {
        Lambda l = (Lambda) lambda;
        lambdaVariables.put(l.names().get(0), element);
        try {
            return eval(l.body());
        } finally {
            lambdaVariables.remove(l.names().get(0));
        }
    }

    private static JsonNode require(JsonNode node, Object what) {
        if (node.isMissingNode()) {
            throw new AssertionError("the template has no " + what);
        }
        return node;
    }

    private static List<?> list(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new AssertionError("not an array: " + value);
        }
        return list;
    }

    private static boolean empty(Object value) {
        return value == null || value instanceof String s && s.isEmpty() || value instanceof List<?> l && l.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private static String format(List<Object> arguments) {
        String result = (String) arguments.get(0);
        for (int i = 1; i < arguments.size(); i++) {
            result = result.replace("{" + (i - 1) + "}", String.valueOf(arguments.get(i)));
        }
        return result;
    }

    /** {@code resourceId(type, name…)} under a scope: each type segment after the namespace takes a name. */
    private static String resourceId(String scope, List<String> typeAndNames) {
        String[] type = typeAndNames.get(0).split("/");
        StringBuilder id = new StringBuilder(scope).append("/providers/").append(type[0]);
        for (int i = 1; i < type.length; i++) {
            id.append('/').append(type[i]).append('/').append(typeAndNames.get(i));
        }
        return id.toString();
    }

    private static String uniqueString(List<String> arguments) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("|", arguments)
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder s = new StringBuilder();
            for (int i = 0; s.length() < 13; i++) {
                s.append("abcdefghijklmnopqrstuvwxyz234567".charAt((hash[i] & 0xff) % 32));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expression grammar: calls, {@code 'strings'} ({@code ''} escapes a quote), integers, {@code [i]}, {@code .p}. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Node expression() {
            Node node = primary();
            while (true) {
                skipSpaces();
                if (take('[')) {
                    node = new Index(node, expression());
                    expect(']');
                } else if (take('.')) {
                    node = new Member(node, identifier());
                } else {
                    return node;
                }
            }
        }

        void end() {
            skipSpaces();
            if (at != text.length()) {
                throw new AssertionError("unexpected '" + text.substring(at) + "' in [" + text + "]");
            }
        }

        private Node primary() {
            skipSpaces();
            if (take('\'')) {
                StringBuilder s = new StringBuilder();
                while (true) {
                    if (at >= text.length()) {
                        throw new AssertionError("unterminated string in [" + text + "]");
                    }
                    char c = text.charAt(at++);
                    if (c == '\'' && !take('\'')) {
                        return new Literal(s.toString());
                    }
                    s.append(c);
                }
            }
            if (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-') {
                int start = at++;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                return new Literal(Long.parseLong(text.substring(start, at)));
            }
            String name = identifier();
            if (name.equals("true") || name.equals("false")) {
                return new Literal(Boolean.parseBoolean(name));
            }
            expect('(');
            List<Node> arguments = new ArrayList<>();
            skipSpaces();
            if (!take(')')) {
                do {
                    arguments.add(expression());
                    skipSpaces();
                } while (take(','));
                expect(')');
            }
            return new Call(name, arguments);
        }

        private String identifier() {
            skipSpaces();
            int start = at;
            while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw new AssertionError("expected a name at " + at + " in [" + text + "]");
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            skipSpaces();
            if (!take(c)) {
                throw new AssertionError("expected '" + c + "' at " + at + " in [" + text + "]");
            }
        }

        private boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }
    }
}
