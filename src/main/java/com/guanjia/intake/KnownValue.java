package com.guanjia.intake;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The text names a constant of the given enum (null is left to {@code @NotNull}). */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownValue.Validator.class)
@interface KnownValue {
  Class<? extends Enum<?>> value();

  String message() default "must be one of {values}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<KnownValue, String> {
    private Class<? extends Enum<?>> type;

    @Override
    public void initialize(KnownValue annotation) {
      type = annotation.value();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equals(value))) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate("must be one of " + Arrays.stream(type.getEnumConstants())
              .map(Enum::name).collect(Collectors.joining(", ")))
          .addConstraintViolation();
      return false;
    }
  }
}
