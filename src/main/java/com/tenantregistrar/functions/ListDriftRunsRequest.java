package com.tenantregistrar.functions;

/** The query of {@code listDriftRuns}: every parameter optional ({@code top}: 1 to 1,000 runs, 50 when absent). */
public class ListDriftRunsRequest extends NewestFirstQuery {
}
