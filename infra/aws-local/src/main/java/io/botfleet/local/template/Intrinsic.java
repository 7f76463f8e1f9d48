package io.botfleet.local.template;

import java.util.List;

/** A CloudFormation intrinsic function as written in template.yaml (short form tags). */
public sealed interface Intrinsic {

    /** {@code !Ref Name} */
    record Ref(String name) implements Intrinsic {}

    /** {@code !GetAtt Name.Attribute} */
    record GetAtt(String resource, String attribute) implements Intrinsic {}

    /** {@code !Sub "text with ${Name} and ${Name.Attr}"} */
    record Sub(String template) implements Intrinsic {}

    /** Any other intrinsic ({@code !If}, {@code !Equals}, {@code !Join}, ...) kept with its raw arguments. */
    record Other(String tag, Object value) implements Intrinsic {}

    static Intrinsic getAtt(Object value) {
        if (value instanceof List<?> list && list.size() == 2) {
            return new GetAtt(String.valueOf(list.get(0)), String.valueOf(list.get(1)));
        }
        String text = String.valueOf(value);
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got " + text);
        }
        return new GetAtt(text.substring(0, dot), text.substring(dot + 1));
    }
}
