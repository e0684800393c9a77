package dev.portreg.request;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
import dev.portreg.registry.RegistrationPolicy;
import java.util.Optional;

/** The review track a request follows, after the registration policy that decides it. */
public enum Track {
    FCFS(RegistrationPolicy.FIRST_COME_FIRST_SERVED, RequestState.IANA_REVIEW),
    EXPERT_REVIEW(RegistrationPolicy.EXPERT_REVIEW, RequestState.EXPERT_REVIEW),
    IETF_REVIEW(RegistrationPolicy.IETF_REVIEW, RequestState.IESG_EVALUATION),
    STANDARDS_ACTION(RegistrationPolicy.STANDARDS_ACTION, RequestState.IESG_EVALUATION),
    IESG_APPROVAL(RegistrationPolicy.IESG_APPROVAL, RequestState.IESG_EVALUATION);

    public final RegistrationPolicy policy;

    /** Where a submitted request of this track waits. */
    public final RequestState reviewState;

    Track(RegistrationPolicy policy, RequestState reviewState) {
        this.policy = policy;
        this.reviewState = reviewState;
    }

    /** Decided by an IESG ballot. */
    public boolean ballot() {
        return reviewState == RequestState.IESG_EVALUATION;
    }

    public String label() {
        return policy.label;
    }

    /** The track a registration policy decides by. */
    public static Track of(RegistrationPolicy policy) {
        for (Track t : values()) {
            if (t.policy == policy) {
                return t;
            }
        }
        throw new IllegalArgumentException("no track for " + policy);
    }

    public static Optional<Track> parse(String text) {
        return Slugs.parse(Track.class, text, Track::slug);
    }

    @JsonValue
    public String slug() {
        return policy.slug;
    }

    @Override
    public String toString() {
        return slug();
    }
}
