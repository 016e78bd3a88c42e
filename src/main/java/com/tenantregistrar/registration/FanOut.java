package com.tenantregistrar.registration;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.tenantregistrar.error.RegistrarException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs one operation on several registrations at once and collects every registration's outcome, so that one
 * failing registration neither hides the others' results nor stops their calls.
 */
public final class FanOut {

    private FanOut() {
    }

    /** The outcome of {@code operation} on each registration, in the registrations' order. */
    public static Mono<List<RegistrationResult>> run(List<Registration> registrations, int concurrency,
            Function<Registration, Mono<String>> operation) {
        return Flux.fromIterable(registrations)
                .flatMapSequential(registration -> Mono.defer(() -> operation.apply(registration))
                        .map(status -> RegistrationResult.succeeded(registration, status))
                        .onErrorResume(RegistrarException.class,
                                failure -> Mono.just(RegistrationResult.failed(registration, failure))),
                        Math.max(1, concurrency))
                .collectList();
    }

    /** The failure the whole request answers with: the most severe one ({@link RegistrarException#severity()}). */
    public static Optional<RegistrarException> mostSevere(List<RegistrationResult> results) {
        return results.stream().map(RegistrationResult::failure).filter(f -> f != null)
                .max(Comparator.comparingInt(RegistrarException::severity));
    }
}
