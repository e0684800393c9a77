package dev.portreg.request;

import com.fasterxml.jackson.annotation.JsonValue;

/** What someone can do to a request; pages offer exactly the actions the workflow allows. */
public enum Action {
    EDIT("edit", "Edit"),
    SUBMIT("submit", "Submit"),
    WITHDRAW("withdraw", "Withdraw"),
    APPROVE("approve", "Approve"),
    REQUEST_CHANGES("request-changes", "Request changes"),
    REJECT("reject", "Reject"),
    BALLOT("ballot", "Ballot"),
    END_CALL("end-call", "End the community call"),
    COMPLETE("complete", "Perform the registry action");

    public final String slug;
    public final String label;

    Action(String slug, String label) {
        this.slug = slug;
        this.label = label;
    }

    @JsonValue
    public String slug() {
        return slug;
    }
}
