package dev.portreg.request;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an entry of a request's log records. The database's CHECK on {@code request_event.kind}
 * lists the same slugs (V11, V15); the timeline and the mails switch over it without a default, so
 * a new kind does not compile until both say what it means.
 */
public enum EventKind {
    CREATED("created"),
    EDITED("edited"),
    SUBMITTED("submitted"),
    RESUBMITTED("resubmitted"),
    WITHDRAWN("withdrawn"),
    APPROVED("approved"),
    CHANGES_REQUESTED("changes-requested"),
    REJECTED("rejected"),
    BALLOT("ballot"),
    /** A member changed their Discuss to a position that does not block: its own event. */
    DISCUSS_CLEARED("discuss-cleared"),
    /** A message on the request; data.inReplyTo names the Discuss or change request it answers. */
    REPLY("reply"),
    /** A designated expert took the request for review (data.from: whom they took it from). */
    TAKEN("taken"),
    CALL_STARTED("call-started"),
    CALL_ENDED("call-ended"),
    COMPLETED("completed");

    public final String slug;

    EventKind(String slug) {
        this.slug = slug;
    }

    /** Who is mailed about an event of this kind (drafts, edits, single positions: nobody). */
    public enum Recipient {
        /** The request's requester. */
        REQUESTER,
        /** The holders of the role that decides the request in its new state. */
        DECIDERS,
        /** The holders of the roles shown the new state without deciding it. */
        INFORMED,
        /** Whoever wrote the Discuss or change request a reply answers. */
        ANSWERED
    }

    /** Who is told. */
    public Set<Recipient> mailed() {
        return switch (this) {
            case CREATED, EDITED, WITHDRAWN, BALLOT, DISCUSS_CLEARED, TAKEN ->
                    EnumSet.noneOf(Recipient.class);
            case SUBMITTED, RESUBMITTED, APPROVED ->
                    EnumSet.of(Recipient.REQUESTER, Recipient.DECIDERS);
            case CALL_STARTED -> EnumSet.of(Recipient.INFORMED);
            case REPLY -> EnumSet.of(Recipient.REQUESTER, Recipient.DECIDERS, Recipient.ANSWERED);
            case CALL_ENDED -> EnumSet.of(Recipient.DECIDERS);
            case CHANGES_REQUESTED, REJECTED, COMPLETED -> EnumSet.of(Recipient.REQUESTER);
        };
    }

    /** A member's ballot position: entered, changed, or a Discuss cleared. */
    public boolean position() {
        return this == BALLOT || this == DISCUSS_CLEARED;
    }

    /** A submission: its data holds the content as submitted. */
    public boolean submission() {
        return this == SUBMITTED || this == RESUBMITTED;
    }

    public static Optional<EventKind> parse(String text) {
        return Slugs.parse(EventKind.class, text, k -> k.slug);
    }

    @JsonValue
    public String slug() {
        return slug;
    }

    @Override
    public String toString() {
        return slug;
    }
}
