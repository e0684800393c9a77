package dev.portreg.request;

import dev.portreg.web.Flash;

/** What a redirect after a successful post says; the link names the key, never the text. */
enum Done {
    CREATED("created", "Draft saved. Check the assessment, then submit it when it is ready."),
    SAVED("saved", "Your changes are saved."),
    SUBMITTED("submitted", "Submitted: the request now waits for its reviewers."),
    WITHDRAWN("withdrawn", "The request is withdrawn."),
    APPROVED("approve", "You approved the request."),
    CHANGES("request-changes", "You asked the requester for changes."),
    REJECTED("reject", "You rejected the request."),
    BALLOT("ballot", "Your ballot position is recorded."),
    TAKEN("take", "The request is yours to review: the queue shows you as its holder."),
    REPLIED("reply", "Your reply is on the request, and mailed to the people concerned."),
    CALL_ENDED("end-call", "The community call is over: the IESG decides next."),
    COMPLETED("complete", "The registry action is done: the registry is updated.");

    final String slug;
    final String message;

    Done(String slug, String message) {
        this.slug = slug;
        this.message = message;
    }

    static Flash flash(String slug) {
        if (slug == null) {
            return null;
        }
        for (Done d : values()) {
            if (d.slug.equals(slug)) {
                return Flash.success(d.message);
            }
        }
        return null;
    }
}
