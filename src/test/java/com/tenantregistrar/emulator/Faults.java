package com.tenantregistrar.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The faults one emulated service is told to inject, each for its number of matching requests. */
final class Faults {

    private final List<Fault> pending = new ArrayList<>();

    synchronized void add(Fault fault) {
        pending.add(fault);
    }

    synchronized void clear() {
        pending.clear();
    }

    /** The first fault matching the request, counting it as applied once. */
    synchronized Optional<Fault> take(String method, String path) {
        for (int i = 0; i < pending.size(); i++) {
            Fault fault = pending.get(i);
            if (fault.matches(method, path)) {
                if (fault.times() == 1) {
                    pending.remove(i);
                } else if (fault.times() > 1) {
                    pending.set(i, fault.times(fault.times() - 1));
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }
}
