package io.pgclone.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailedTaskTraceTest {

    @Test
    void shouldTellTheObjectAndItsSqlRatherThanTheDriversLastWord() {
        String trace = String.join("\n",
                "org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.",
                "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:636)",
                "\t... 11 more",
                "Caused by: org.apache.kafka.connect.errors.ConnectException: cannot create function public.active_customers()"
                        + " on the target: ERROR: type \"public.customer\" does not exist",
                "SQL: CREATE FUNCTION public.active_customers() RETURNS SETOF customer LANGUAGE sql AS $$ SELECT 1 $$",
                "\tat io.pgclone.sink.PreData.create(PreData.java:124)",
                "Caused by: org.postgresql.util.PSQLException: ERROR: type \"public.customer\" does not exist",
                "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)");
        assertThat(CloneRunner.firstCause(trace)).isEqualTo("cannot create function public.active_customers() on the"
                + " target: ERROR: type \"public.customer\" does not exist\n"
                + "SQL: CREATE FUNCTION public.active_customers() RETURNS SETOF customer LANGUAGE sql AS $$ SELECT 1 $$");
    }

    @Test
    void shouldFallBackToTheDeepestCause() {
        String trace = String.join("\n",
                "org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSourceTask due to unrecoverable exception.",
                "\tat x.Y.z(Y.java:1)",
                "Caused by: java.net.ConnectException: Connection refused",
                "\tat x.Y.z(Y.java:2)");
        assertThat(CloneRunner.firstCause(trace)).isEqualTo("Connection refused");
    }
}
