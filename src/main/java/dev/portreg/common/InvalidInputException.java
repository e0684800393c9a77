package dev.portreg.common;

import java.util.List;

/**
 * 400: the input is wrong, and {@link #errors()} names each field and why. The API answers it as
 * problem+json ({@code /problems#invalid-input}); a page catches it by type and shows the form
 * again with the messages beside the fields (422: {@link Forms}, {@link FieldErrors}). Made by
 * {@link ProblemException#badInput}.
 */
public class InvalidInputException extends ProblemException {

    InvalidInputException(String detail, List<Problem.FieldError> errors) {
        super(400, ProblemType.INVALID_INPUT.title, detail, errors);
    }
}
