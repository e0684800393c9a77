package dev.portreg.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.common.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * JSON bodies are small: at most {@code portreg.http.max-json-body} (128 KiB, far above the longest
 * request the field limits allow). A larger one answers 413 before it is read, when it says its
 * length, or as soon as the limit is passed while it is read (chunked). Registry files (XML, CSV)
 * keep the general limit, quarkus.http.limits.max-body-size.
 */
@ApplicationScoped
public class JsonBodyLimit {

    private final long max;
    private final ObjectMapper json;

    JsonBodyLimit(
            @ConfigProperty(name = "portreg.http.max-json-body", defaultValue = "131072") long max,
            ObjectMapper json) {
        this.max = max;
        this.json = json;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(java.util.Locale.ROOT);
        int semi = t.indexOf(';');
        t = (semi >= 0 ? t.substring(0, semi) : t).strip();
        return t.equals("application/json") || t.endsWith("+json");
    }

    long max() {
        return max;
    }

    String detail() {
        return "The JSON body is larger than " + (max / 1024) + " KiB";
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(this::byLength);
    }

    private void byLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n > max) {
                ctx.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body(ctx.normalizedPath()));
                return;
            }
        }
        ctx.next();
    }

    private String body(String path) {
        try {
            return json.writeValueAsString(
                    Problem.of(dev.portreg.common.ProblemType.TOO_LARGE, detail(), path));
        } catch (JsonProcessingException e) {
            return "{\"status\":413}";
        }
    }

    /** Counts a JSON body as JAX-RS reads it, for bodies that did not say their length. */
    @Provider
    public static class Counting implements ReaderInterceptor {

        private final JsonBodyLimit limit;

        public Counting(JsonBodyLimit limit) {
            this.limit = limit;
        }

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context)
                throws IOException, WebApplicationException {
            MediaType type = context.getMediaType();
            if (type != null && isJson(type.toString())) {
                context.setInputStream(new Capped(context.getInputStream(), limit));
            }
            return context.proceed();
        }
    }

    private static final class Capped extends FilterInputStream {
        private final JsonBodyLimit limit;
        private long read;

        Capped(InputStream in, JsonBodyLimit limit) {
            super(in);
            this.limit = limit;
        }

        private void count(long n) {
            if (n > 0) {
                read += n;
                if (read > limit.max()) {
                    throw new WebApplicationException(limit.detail(), Response.status(413).build());
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b >= 0 ? 1 : 0);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(n);
            return n;
        }
    }
}
