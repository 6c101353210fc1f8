package io.omnihub.hub.security;

import io.omnihub.hub.web.WebhookBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a viewer's Jolokia requests through only when they look (see {@link JolokiaRequests});
 * writes and operations, such as Hawtio's stop and start of a route, need the operator role.
 * The role rules of the filter chain have already required a login.
 */
class JolokiaOperatorGuard extends OncePerRequestFilter {

    private final String jolokiaPath;

    JolokiaOperatorGuard(String jolokiaPath) {
        this.jolokiaPath = jolokiaPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(jolokiaPath) || path.startsWith(jolokiaPath + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (HubRoles.isOperator(SecurityContextHolder.getContext().getAuthentication())) {
            chain.doFilter(request, response);
            return;
        }
        if ("POST".equals(request.getMethod())) {
            // Jolokia bodies are small; one over the webhooks' 1 MiB bound is refused, not buffered
            Optional<byte[]> body = WebhookBodies.read(request);
            if (body.isEmpty() || !JolokiaRequests.onlyLooks(body.get())) {
                refuse(response);
                return;
            }
            chain.doFilter(new BufferedBody(request, body.get()), response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length() + jolokiaPath.length());
        String p = request.getParameter("p"); // Jolokia's other way to give the path
        if (!JolokiaRequests.onlyLooksPath(path) || p != null && !JolokiaRequests.onlyLooksPath(p)) {
            refuse(response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter()
                .write("{\"status\":403,\"error\":\"Jolokia writes and operations need the operator role\"}");
    }

    /** The request with its body read once here and handed on unchanged. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(),
                    charset == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(charset)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
