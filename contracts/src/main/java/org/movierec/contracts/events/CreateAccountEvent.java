package org.movierec.contracts.events;

import java.time.LocalDateTime;

/** A new user signed up (newer streams): {@code <time>,<userId>,GET /create_account}. */
public record CreateAccountEvent(LocalDateTime time, long userId) implements MovieEvent {

    /** The whole request of an account creation. */
    static final String VERB = "GET /create_account";

    public CreateAccountEvent {
        LineFields.requireTimeAndUser(time, userId);
    }

    @Override
    public String toLine() {
        return LineFields.start(time, userId, VERB.length()).append(VERB).toString();
    }
}
