package org.qinqing.intake.grievance;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

/** A 6-digit administrative division code (GB/T 2260) whose first two digits are a province-level division. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RegionCode.Validator.class)
public @interface RegionCode {
    String message() default "{qinqing.region.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<RegionCode, String> {

        private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
                "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61",
                "62", "63", "64", "65", "71", "81", "82");

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            return code == null || code.matches("\\d{6}") && PROVINCES.contains(code.substring(0, 2));
        }
    }
}
