package io.omnihub.hub.config;

import java.util.List;

/** Settings the hub will not start with, one line each, and what to do about them. */
public abstract class StartRefusedException extends IllegalStateException {

    private final String headline;
    private final List<String> problems;
    private final String advice;

    protected StartRefusedException(String headline, List<String> problems, String advice) {
        super(headline + ": " + String.join("; ", problems));
        this.headline = headline;
        this.problems = List.copyOf(problems);
        this.advice = advice;
    }

    public String headline() {
        return headline;
    }

    public List<String> problems() {
        return problems;
    }

    public String advice() {
        return advice;
    }
}
