package org.qinqing.events;

/** An incoming record that cannot be one of our events; the consumer sends it to its dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
