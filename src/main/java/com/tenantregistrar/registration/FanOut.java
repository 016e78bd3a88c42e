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

    /**
     * What one registration answered.
     *
     * @param value the operation's result, when it succeeded
     * @param failure why it failed, when it did
     */
    public record Attempt<T>(Registration registration, T value, RegistrarException failure) {

        /** The attempt as the caller is told about it, {@code succeeded} describing a success. */
        public RegistrationResult result(Function<T, RegistrationResult> succeeded) {
            return failure == null ? succeeded.apply(value) : RegistrationResult.failed(registration, failure);
        }
    }

    /** The outcome of {@code operation} on each registration, in the registrations' order. */
    public static <T> Mono<List<Attempt<T>>> attempt(List<Registration> registrations, int concurrency,
            Function<Registration, Mono<T>> operation) {
        return Flux.fromIterable(registrations)
                .flatMapSequential(registration -> Mono.defer(() -> operation.apply(registration))
                        .map(value -> new Attempt<>(registration, value, null))
                        .onErrorResume(RegistrarException.class,
                                failure -> Mono.just(new Attempt<>(registration, null, failure))),
                        Math.max(1, concurrency))
                .collectList();
    }

    /** The result of {@code operation} on each registration, whose success is a status such as "registered". */
    public static Mono<List<RegistrationResult>> run(List<Registration> registrations, int concurrency,
            Function<Registration, Mono<String>> operation) {
        return attempt(registrations, concurrency, operation).map(attempts -> attempts.stream()
                .map(attempt -> attempt.result(status -> RegistrationResult.succeeded(attempt.registration(), status)))
                .toList());
    }

    /** The failure the whole request answers with: the most severe one ({@link RegistrarException#severity()}). */
    public static Optional<RegistrarException> mostSevere(List<RegistrationResult> results) {
        return results.stream().map(RegistrationResult::failure).filter(f -> f != null)
                .max(Comparator.comparingInt(RegistrarException::severity));
    }
}
