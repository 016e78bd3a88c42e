package com.tenantregistrar.drift;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * At most {@code n} pieces of work under way at once, the others waiting their turn in the order they asked, without
 * blocking a thread (an asynchronous semaphore). A run's writes take a turn for each request only: one that waits out
 * ARM's {@code Retry-After} holds none, so the turns go to the writes that can be made.
 */
final class Turns {

    private static final int WAITING = 0;
    private static final int GIVEN = 1;
    private static final int CANCELLED = 2;

    private record Waiter(MonoSink<Boolean> sink, AtomicInteger state) {
    }

    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int free;

    Turns(int n) {
        this.free = Math.max(1, n);
    }

    /** {@code work} in a turn: it starts once a turn is free, and gives the turn back however it ends. */
    <T> Mono<T> in(Mono<T> work) {
        return Mono.usingWhen(take(), taken -> work, taken -> Mono.fromRunnable(this::give));
    }

    private Mono<Boolean> take() {
        return Mono.create(sink -> {
            Waiter waiter = new Waiter(sink, new AtomicInteger(WAITING));
            synchronized (this) {
                if (free == 0) {
                    waiting.add(waiter);
                    sink.onCancel(() -> {
                        // A turn handed to work that was cancelled before it got it is handed on.
                        if (!waiter.state().compareAndSet(WAITING, CANCELLED)) {
                            give();
                        }
                    });
                    return;
                }
                free--;
            }
            sink.success(true);
        });
    }

    private void give() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    free++;
                    return;
                }
            }
            if (next.state().compareAndSet(WAITING, GIVEN)) {
                next.sink().success(true);
                return;
            }
        }
    }
}
