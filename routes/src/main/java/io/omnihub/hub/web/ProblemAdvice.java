package io.omnihub.hub.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place a refused request becomes a problem response: Spring MVC's own exceptions
 * (wrong method, media type, a missing parameter) and the hub's {@link ApiProblem}, both
 * {@code ErrorResponse}s, are rendered by the base class; a body that is not JSON, or holds a
 * value of the wrong shape, is answered naming the field. In place of Spring Boot's default
 * handler ({@code spring.mvc.problemdetails.enabled}), which steps aside for this one.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ApiProblem problem =
                e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()
                        ? ApiProblem.badRequest("Invalid field", m.getOriginalMessage(), path(m))
                        : ApiProblem.badRequest("Not JSON", rootMessage(e), null);
        return handleExceptionInternal(problem, problem.getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String path(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static @Nullable String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
