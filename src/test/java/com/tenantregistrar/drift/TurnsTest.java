package com.tenantregistrar.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The turns of a run's requests: never more under way than allowed, in the order asked, none lost. */
class TurnsTest {

    @Test
    void neverMoreUnderWayThanItsTurnsAndEveryPieceOfWorkGetsOne() {
        Turns turns = new Turns(3);
        AtomicInteger underWay = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Integer> done = Flux.range(0, 40).flatMap(i -> turns.in(Mono.defer(() -> {
            peak.accumulateAndGet(underWay.incrementAndGet(), Math::max);
            return Mono.delay(Duration.ofMillis(5)).doOnNext(tick -> underWay.decrementAndGet()).thenReturn(i);
        })), 40).collectList().block(Duration.ofSeconds(30));
        assertEquals(40, done.size());
        assertEquals(3, peak.get());
    }

    @Test
    void aTurnComesBackWhenTheWorkFailsOrIsCancelled() {
        Turns turns = new Turns(1);
        Mono<Object> failing = turns.in(Mono.error(new IllegalStateException("failed")));
        failing.onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        // Cancelled while waiting for the turn, and while holding it.
        Mono<Long> holding = turns.in(Mono.delay(Duration.ofSeconds(60)));
        var held = holding.subscribe();
        var waiting = turns.in(Mono.just(1)).subscribe();
        waiting.dispose();
        held.dispose();
        List<Integer> order = new CopyOnWriteArrayList<>();
        Flux.range(0, 5).flatMap(i -> turns.in(Mono.fromRunnable(() -> order.add(i)).thenReturn(i)), 5)
                .collectList().block(Duration.ofSeconds(5));
        assertEquals(List.of(0, 1, 2, 3, 4), order, "one turn, handed on in the order asked");
        assertTrue(turns.in(Mono.just("free")).block(Duration.ofSeconds(5)).equals("free"));
    }
}
