package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portreg.common.Problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The constraints of RequestInput, without a container: what pages and previews are told. */
class RequestInputTest {

    private static RequestInput with(
            String serviceName, List<String> transports, Party assignee, String notes) {
        return new RequestInput(
                "new-assignment",
                serviceName,
                "40100",
                null,
                transports,
                null,
                null,
                assignee,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                notes,
                null);
    }

    @Test
    void aValidInputHasNoProblems() {
        assertEquals(
                List.of(),
                with("s".repeat(RequestInput.NAME), List.of("tcp"), null, "one\r\ntwo\n")
                        .problems());
    }

    @Test
    void problemsNameTheFieldsAsTheApiDoesInFormOrder() {
        RequestInput in =
                with(
                        "s".repeat(RequestInput.NAME + 1),
                        List.of("tcp", "x\u202Ey"),
                        new Party("A".repeat(RequestInput.PARTY + 1), null, null),
                        "bell\u0007");
        assertEquals(
                List.of(
                        new FieldError("serviceName", "is too long: 64 characters, at most 63"),
                        new FieldError(
                                "transports[1]",
                                "must not contain control characters (U+202E at character 2);"
                                        + " only line breaks are allowed"),
                        new FieldError("assignee.name", "is too long: 201 characters, at most 200"),
                        new FieldError(
                                "notes",
                                "must not contain control characters (U+0007 at character 5);"
                                        + " only line breaks are allowed")),
                in.problems());
    }

    @Test
    void theLimitCountsCharactersNotUtf16Units() {
        // 63 emoji are 126 UTF-16 units and still 63 characters.
        assertEquals(List.of(), with("\uD83D\uDE00".repeat(63), null, null, null).problems());
    }
}
