package org.qinqing.intake.grievance;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the code's alphabet (no I, O,
 * S, V, Z), the 3rd to 8th a region code, and the 18th the check character over the first 17.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Uscc.Validator.class)
public @interface Uscc {
    String message() default "{qinqing.uscc.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Uscc, String> {

        static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            return code == null || valid(code);
        }

        public static boolean valid(String code) {
            if (code.length() != 18 || !code.substring(2, 8).chars().allMatch(Character::isDigit)) {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                int value = ALPHABET.indexOf(code.charAt(i));
                if (value < 0) {
                    return false;
                }
                sum += value * WEIGHTS[i];
            }
            int check = (31 - sum % 31) % 31;
            return code.charAt(17) == ALPHABET.charAt(check);
        }
    }
}
