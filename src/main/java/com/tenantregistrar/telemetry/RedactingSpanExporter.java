package com.tenantregistrar.telemetry;

import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Hands the exporter each span with its attributes and its events' attributes through {@link SecretRedaction}. */
final class RedactingSpanExporter implements SpanExporter {

    private final SpanExporter delegate;

    RedactingSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return delegate.export(spans.stream().<SpanData>map(Redacted::new).toList());
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }

    private static final class Redacted extends DelegatingSpanData {

        private final Attributes attributes;
        private final List<EventData> events;

        Redacted(SpanData span) {
            super(span);
            attributes = SecretRedaction.redact(span.getAttributes());
            events = span.getEvents().stream().map(event -> EventData.create(event.getEpochNanos(), event.getName(),
                    SecretRedaction.redact(event.getAttributes()), event.getTotalAttributeCount())).toList();
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public List<EventData> getEvents() {
            return events;
        }
    }
}
