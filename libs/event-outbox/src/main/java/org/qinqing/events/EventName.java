package org.qinqing.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the event a payload record stands for, as PLATFORM.md §4 spells it ({@code dispatched},
 * {@code deadline-set}); the CloudEvent type becomes {@code cn.qinqing.<service>.<name>.v<version>}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventName {
    String value();

    int version() default 1;
}
