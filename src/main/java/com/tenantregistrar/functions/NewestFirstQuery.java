package com.tenantregistrar.functions;

/** The query of a function that answers records newest first: how far back ({@code since}) and how many. */
public abstract class NewestFirstQuery extends CallerRequest {

    private String since;
    private String top;

    /** Only records at or after this time (ISO-8601: an instant, or a date meaning its start in UTC). */
    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    /** How many records at most (a page of them, where the function pages). */
    public String getTop() {
        return top;
    }

    public void setTop(String top) {
        this.top = top;
    }
}
