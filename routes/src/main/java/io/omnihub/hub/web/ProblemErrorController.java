package io.omnihub.hub.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container sends an error raised outside Spring MVC's handlers (a filter's or
 * the container's {@code sendError}, an exception no handler caught): answered
 * {@code application/problem+json} like the hub's own problems, in place of Spring Boot's
 * {@code BasicErrorController} JSON or whitelabel page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpStatus.INTERNAL_SERVER_ERROR.value();
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.ofStatus(status, message instanceof String m ? m : null));
    }
}
