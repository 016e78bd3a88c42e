package com.tenantregistrar.functions;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.tenantregistrar.error.RegistrarException;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP methods each function accepts, as its folder's {@code function.json} lists them for the Functions host.
 * Funqy serves every function on GET (reading the query) and POST (reading the body); this answers 405 to a method
 * the folder does not list, so that the app behaves alike behind the host and on its own port ({@code mvn -Plocal},
 * {@code java -jar}): following a link never registers or removes a customer.
 */
@ApplicationScoped
public class FunctionMethods {

    /** Each function's methods; the host posts the timer's invocation to {@code driftCheck}. */
    static final Map<String, Set<HttpMethod>> ACCEPTED = Map.ofEntries(
            Map.entry("registerCustomer", Set.of(HttpMethod.POST)),
            Map.entry("removeCustomer", Set.of(HttpMethod.POST)),
            Map.entry("listRegisteredCustomers", Set.of(HttpMethod.GET, HttpMethod.POST)),
            Map.entry("coverage", Set.of(HttpMethod.GET)),
            Map.entry("ui", Set.of(HttpMethod.GET)),
            Map.entry("checkDrift", Set.of(HttpMethod.POST)),
            Map.entry("driftCheck", Set.of(HttpMethod.POST)),
            Map.entry("listChanges", Set.of(HttpMethod.GET)),
            Map.entry("listDriftRuns", Set.of(HttpMethod.GET)),
            Map.entry("driftRun", Set.of(HttpMethod.GET)),
            Map.entry("partnerCenterWebhook", Set.of(HttpMethod.POST)));

    void register(@Observes Router router) {
        // After the call's correlation ID is set (CorrelationRoute), before the functions and the webhook.
        router.route().order(-900).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String path = ctx.request().path();
        String function = path.startsWith("/") ? path.substring(1) : path;
        Set<HttpMethod> accepted = ACCEPTED.get(function);
        if (accepted != null && !accepted.contains(ctx.request().method())) {
            Set<String> names = new TreeSet<>();
            accepted.forEach(method -> names.add(method.name()));
            String allow = String.join(", ", names);
            ctx.response().putHeader("Allow", allow);
            ctx.fail(new RegistrarException(405, "MethodNotAllowed", "/" + function + " accepts " + allow + ", not "
                    + ctx.request().method().name() + "."));
            return;
        }
        ctx.next();
    }
}
