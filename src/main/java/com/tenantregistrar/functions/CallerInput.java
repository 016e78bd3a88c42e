package com.tenantregistrar.functions;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.tenantregistrar.error.InvalidRequestException;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds a caller's request to what its function reads: a body field the request type does not have, or a query
 * parameter the function does not read, is a 400 {@code InvalidRequest} that names it, before ARM is called. A
 * function reads the query only on GET (Funqy's binding); on POST its input is the body alone.
 */
@ApplicationScoped
public class CallerInput {

    /** The function key, which the Functions host takes from {@code ?code=} as well as from x-functions-key. */
    private static final String FUNCTION_KEY = "code";
    private static final int MAX_NAME = 64;

    private final ObjectMapper mapper;
    private final CurrentVertxRequest current;

    @Inject
    public CallerInput(ObjectMapper mapper, CurrentVertxRequest current) {
        this.mapper = mapper;
        this.current = current;
    }

    /**
     * Checks the request {@code function} was called with and returns its body.
     *
     * @param body what Funqy read from the body (POST) or the query (GET), or null when there was nothing
     * @throws InvalidRequestException naming the first field or query parameter the function does not read
     */
    public <T extends CallerRequest> T check(String function, Class<T> type, T body) {
        List<String> fields = fieldsOf(type);
        RoutingContext request = current.getCurrent();
        boolean queryIsInput = request.request().method() == HttpMethod.GET;
        for (String name : request.queryParams().names()) {
            if (name.equals(FUNCTION_KEY)) {
                continue;
            }
            if (!queryIsInput) {
                throw new InvalidRequestException(function + " reads its input from the JSON body only, not the query "
                        + "parameter " + quoted(name) + ": send it in the body.");
            }
            if (!fields.contains(name)) {
                throw unknown(function, "query parameter", name, fields);
            }
        }
        if (body != null && !body.unknownFields().isEmpty()) {
            throw unknown(function, "field", body.unknownFields().get(0), fields);
        }
        return body;
    }

    private List<String> fieldsOf(Class<?> type) {
        return mapper.getDeserializationConfig().introspect(mapper.constructType(type)).findProperties().stream()
                .map(BeanPropertyDefinition::getName).toList();
    }

    private static InvalidRequestException unknown(String function, String kind, String name, List<String> fields) {
        String known = fields.isEmpty() ? " It has none." : " Its " + kind + "s are " + String.join(", ", fields) + ".";
        String hint = closest(name, fields).map(field -> " Did you mean '" + field + "'?").orElse("");
        return new InvalidRequestException(function + " has no " + kind + " " + quoted(name) + "." + known + hint);
    }

    /** A field the caller probably meant: the same name in another case, or one that contains the other. */
    private static Optional<String> closest(String name, List<String> fields) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(field -> {
            String candidate = field.toLowerCase(Locale.ROOT);
            return !wanted.isEmpty() && (candidate.contains(wanted) || wanted.contains(candidate));
        }).findFirst();
    }

    private static String quoted(String name) {
        return "'" + (name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "…" : name) + "'";
    }
}
