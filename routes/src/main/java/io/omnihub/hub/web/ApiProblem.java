package io.omnihub.hub.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the hub refuses, thrown from a controller and answered by {@link ProblemAdvice} as
 * RFC 9457 {@code application/problem+json}: a title, what was wrong, and for a bad value the
 * {@code field} that holds it.
 */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String title, String detail, String field) {
        super(status, body(status, title, detail, field), null);
    }

    public static ApiProblem notFound(String title, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, title, detail, null);
    }

    public static ApiProblem badRequest(String title, String detail, String field) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, title, detail, field);
    }

    public static ApiProblem conflict(String title, String detail, String field) {
        return new ApiProblem(HttpStatus.CONFLICT, title, detail, field);
    }

    @Override
    public String getMessage() {
        return getBody().getTitle() + ": " + getBody().getDetail();
    }

    private static ProblemDetail body(HttpStatus status, String title, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }
}
