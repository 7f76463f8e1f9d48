package io.botfleet.local.lambda;

/** Something that takes a raw event and answers as a Lambda invoke does: a deployed function, or a test's stand-in. */
@FunctionalInterface
public interface Invoker {
    Invocation invoke(byte[] event);
}
