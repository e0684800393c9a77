package dev.portreg.account;

import io.quarkus.csrf.reactive.runtime.CsrfTokenUtils;
import io.quarkus.csrf.reactive.runtime.RestCsrfConfig;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Named;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token for the hidden field of a form, as {@code tags/form.html} and {@code
 * tags/userbox.html} emit it, made when a form is rendered and only then.
 *
 * <p>quarkus-rest-csrf makes a token for every GET it is told to (by default every one): random
 * bytes, an HMAC of them, and a {@code Set-Cookie} on the answer, for the status JSON and the port
 * page too, which have no form. That was a tenth of a status lookup's CPU (docs/performance.md). So
 * the filter is told to make tokens for no page ({@code quarkus.rest-csrf.create-token-path}) and
 * this makes them instead, the way the filter does (the same token size, the same signature with
 * the same key, the same cookie): the filter still checks every form post against the cookie, and
 * after a post it checked, it sends the cookie again and leaves the token here for a form rendered
 * in the answer.
 *
 * <p>Only a GET makes a token: the answer to a post the filter refused keeps the browser's cookie.
 * It never throws: where there is no request, no token (a refused post) or the answer has gone out
 * already, a form gets an empty token and is refused when posted, never accepted.
 */
@ApplicationScoped
@Named("formToken")
public class FormToken {

    /** Where quarkus-rest-csrf keeps the token of the request (CsrfTokenParameterProvider). */
    private static final String TOKEN_KEY = "csrf_token";

    private final RestCsrfConfig config;
    private final CurrentVertxRequest request;
    private final SecureRandom random = new SecureRandom();

    FormToken(RestCsrfConfig config, CurrentVertxRequest request) {
        this.config = config;
        this.request = request;
    }

    /** The form field name, "csrf-token" ({@code quarkus.rest-csrf.form-field-name}). */
    public String name() {
        return config.formFieldName();
    }

    /** The token of this request, made now (with its cookie) if none was; "" when none can be. */
    public String value() {
        RoutingContext rc;
        try {
            rc = request.getCurrent();
        } catch (ContextNotActiveException e) {
            rc = null;
        }
        if (rc == null) {
            Log.debug("no request: a form rendered now cannot be posted");
            return "";
        }
        String token = rc.get(TOKEN_KEY);
        if (token != null) {
            return token;
        }
        if (rc.request().method() != HttpMethod.GET && rc.request().method() != HttpMethod.HEAD) {
            // A post the filter did not check (it refused it): its answer keeps the browser's
            // cookie, so the form the visitor came from can be sent again after a reload.
            Log.debug("no checked token on this post: a form rendered now cannot be posted");
            return "";
        }
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            Log.debug("the answer has gone out: a form rendered now cannot be posted");
            return "";
        }
        byte[] bytes = new byte[config.tokenSize()];
        random.nextBytes(bytes);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        rc.put(TOKEN_KEY, token);
        String signed =
                config.tokenSignatureKey()
                        .map(key -> CsrfTokenUtils.signCsrfToken(bytes, key))
                        .orElse(token);
        Cookie cookie = Cookie.cookie(config.cookieName(), signed);
        cookie.setHttpOnly(config.cookieHttpOnly());
        cookie.setSecure(config.cookieForceSecure() || rc.request().isSSL());
        cookie.setMaxAge(config.cookieMaxAge().toSeconds());
        cookie.setPath(config.cookiePath());
        config.cookieDomain().ifPresent(cookie::setDomain);
        response.addCookie(cookie);
        return token;
    }

    /** Whether a form rendered now can be posted. */
    public boolean isAvailable() {
        return !value().isEmpty();
    }
}
