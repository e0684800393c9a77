package dev.portreg.request;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.portreg.common.FreeText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person or organisation named in a request: the Assignee or the Contact (RFC 6335 §8.1.1). */
public record Party(
        @Schema(maxLength = RequestInput.PARTY) @FreeText(max = RequestInput.PARTY) String name,
        @Schema(maxLength = RequestInput.PARTY) @FreeText(max = RequestInput.PARTY) String org,
        @Schema(maxLength = RequestInput.EMAIL) @FreeText(max = RequestInput.EMAIL) String email) {

    public static final Party EMPTY = new Party(null, null, null);

    public Party {
        name = RequestContent.trimToNull(name);
        org = RequestContent.trimToNull(org);
        email = RequestContent.trimToNull(email);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return name == null && org == null && email == null;
    }

    @JsonIgnore
    public String display() {
        StringBuilder b = new StringBuilder();
        if (name != null) {
            b.append(name);
        }
        if (org != null) {
            b.append(b.isEmpty() ? "" : ", ").append(org);
        }
        if (email != null) {
            b.append(b.isEmpty() ? "" : " ").append('<').append(email).append('>');
        }
        return b.toString();
    }
}
