package io.warden.it;

/** A sequence of client actions run against one server, recording what it sees in a transcript. */
@FunctionalInterface
public interface Scenario {
    void run(ScenarioContext ctx) throws Exception;
}
