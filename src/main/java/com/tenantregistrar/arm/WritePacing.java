package com.tenantregistrar.arm;

import com.tenantregistrar.registration.Registration;

import reactor.core.publisher.Mono;

/**
 * How a write is paced to ARM's throttling: given the registration and the write's attempt (one request on the ARM
 * pipeline, its retries included), the write, which may wait and try the attempt again. A failure the pacing
 * answers is not the write's: only what the paced write finally ends with is logged and journaled.
 */
@FunctionalInterface
public interface WritePacing {

    /** Each write is its attempt, and fails with it. */
    WritePacing NONE = (registration, attempt) -> attempt;

    /** The write, made of {@code attempt} on {@code registration}. */
    Mono<ArmWrite> pace(Registration registration, Mono<ArmWrite> attempt);
}
