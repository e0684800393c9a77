package dev.portreg.account;

import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * The CSRF token for the hidden field of a form, as {@code tags/form.html} and {@code
 * tags/userbox.html} emit it. Same token as {@code {inject:csrf.token}}, but it never throws: a
 * page rendered where the CSRF filter did not run (an error page for an unmatched path, a 403
 * raised before the filters) still renders, and a form on it is simply refused when posted.
 */
@ApplicationScoped
@Named("formToken")
public class FormToken {

    private final CsrfTokenParameterProvider csrf;

    FormToken(CsrfTokenParameterProvider csrf) {
        this.csrf = csrf;
    }

    /** The form field name, "csrf-token" ({@code quarkus.rest-csrf.form-field-name}). */
    public String name() {
        return csrf.getParameterName();
    }

    /** The token of this request, or "" when none was made for it. */
    public String value() {
        try {
            return csrf.getToken();
        } catch (RuntimeException e) {
            // IllegalStateException: the filter made no token; ContextNotActiveException: no
            // request
            Log.debug("no CSRF token for this request: a form on this page cannot be posted");
            return "";
        }
    }

    /** Whether a form rendered now can be posted. */
    public boolean isAvailable() {
        return !value().isEmpty();
    }
}
