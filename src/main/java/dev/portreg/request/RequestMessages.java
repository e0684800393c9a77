package dev.portreg.request;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The request pages' words that are neither data nor markup, in one message bundle
 * (messages/msg.properties): templates say {@code {msg:holder(h.holder)}}, Java {@code
 * MessageBundles.get(RequestMessages.class)}.
 */
@MessageBundle
public interface RequestMessages {

    /** Who holds a request, as its clock names them: "With the expert" (holder_EXPERT). */
    @Message
    String holder(Decider holder);
}
