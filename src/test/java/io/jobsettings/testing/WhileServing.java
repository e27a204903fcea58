package io.jobsettings.testing;

import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Runs a test's action while a stand-in serves a request, before it answers: how a test makes something else
 * happen in the middle of the function's work, such as an unlink landing while a schedule is being created.
 */
public class WhileServing implements ServeEventListener {

    private static volatile Consumer<ServeEvent> action;

    /** Runs {@code next} during every request served until {@link #clear()}. */
    public static void run(Consumer<ServeEvent> next) {
        action = next;
    }

    public static void clear() {
        action = null;
    }

    @Override
    public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
        Consumer<ServeEvent> current = action;
        if (current != null) {
            current.accept(serveEvent);
        }
    }

    @Override
    public String getName() {
        return "while-serving";
    }
}
