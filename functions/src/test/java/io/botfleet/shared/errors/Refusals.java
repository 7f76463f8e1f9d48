package io.botfleet.shared.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** How tests check that the domain refused: the call throws a Refusal of this kind with this code. */
public final class Refusals {
    private Refusals() {}

    public static Refusal refused(Refusal.Kind kind, String code, ThrowingCallable call) {
        Refusal refusal = catchThrowableOfType(Refusal.class, call);
        assertThat(refusal).as("refused with " + code).isNotNull();
        assertThat(refusal.kind()).isEqualTo(kind);
        assertThat(refusal.code()).isEqualTo(code);
        return refusal;
    }
}
