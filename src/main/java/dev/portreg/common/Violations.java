package dev.portreg.common;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bean Validation's answers as the API gives them: one {@link Problem.FieldError} per violation,
 * named as the client sent the field ({@code assignee.name}, {@code transports[2]}), in the order
 * of the record's components (or its {@code @JsonPropertyOrder}).
 */
public final class Violations {

    private Violations() {}

    /** The field errors of a bean's constraints, in field order; empty when it is valid. */
    public static List<Problem.FieldError> of(Object bean) {
        return fieldErrors(validator().validate(bean));
    }

    /** Field errors for violations, whether of a bean or of a method's parameters. */
    public static List<Problem.FieldError> fieldErrors(
            Collection<? extends ConstraintViolation<?>> violations) {
        record Keyed(List<Integer> key, Problem.FieldError error) {}
        List<Keyed> keyed = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            keyed.add(new Keyed(order(v), new Problem.FieldError(field(v), v.getMessage())));
        }
        keyed.sort(
                Comparator.<Keyed, List<Integer>>comparing(Keyed::key, Violations::compare)
                        .thenComparing(k -> k.error().field()));
        return keyed.stream().map(Keyed::error).toList();
    }

    /**
     * For a custom constraint's validator: true when {@code problem} is null, otherwise reports it
     * as the violation's message, word for word.
     */
    public static boolean accept(String problem, ConstraintValidatorContext context) {
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(
                        problem.replace("\\", "\\\\")
                                .replace("{", "\\{")
                                .replace("}", "\\}")
                                .replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }

    /**
     * "create.input.assignee.name" → "assignee.name"; "….transports[0].<list element>" →
     * "transports[0]".
     */
    static String field(ConstraintViolation<?> v) {
        StringBuilder out = new StringBuilder();
        for (Path.Node n : v.getPropertyPath()) {
            ElementKind kind = n.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (n.isInIterable()) {
                out.append('[')
                        .append(n.getIndex() != null ? n.getIndex() : n.getKey())
                        .append(']');
            }
            if (kind == ElementKind.PROPERTY) {
                out.append(out.isEmpty() ? "" : ".").append(n.getName());
            }
        }
        return out.isEmpty() ? v.getPropertyPath().toString() : out.toString();
    }

    /** Where the field comes in its records: the positions of its properties, outermost first. */
    private static List<Integer> order(ConstraintViolation<?> v) {
        List<Integer> key = new ArrayList<>();
        Class<?> type = v.getRootBeanClass();
        for (Path.Node n : v.getPropertyPath()) {
            if (n.getKind() == ElementKind.PARAMETER && v.getExecutableParameters() != null) {
                int i = n.as(Path.ParameterNode.class).getParameterIndex();
                Object arg = v.getExecutableParameters()[i];
                type = arg == null ? null : arg.getClass();
                key.add(i);
            } else if (n.getKind() == ElementKind.PROPERTY) {
                key.add(position(type, n.getName()));
                type = componentType(type, n.getName());
            }
        }
        return key;
    }

    private static int position(Class<?> type, String name) {
        if (type == null) {
            return Integer.MAX_VALUE;
        }
        JsonPropertyOrder order = type.getAnnotation(JsonPropertyOrder.class);
        if (order != null) {
            int i = Arrays.asList(order.value()).indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        RecordComponent[] components = type.getRecordComponents();
        if (components != null) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(name)) {
                    return i;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    private static Class<?> componentType(Class<?> type, String name) {
        if (type == null || type.getRecordComponents() == null) {
            return null;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c.getType();
            }
        }
        return null;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * The application's validator; a plain Hibernate Validator where no container runs (unit
     * tests).
     */
    private static Validator validator() {
        ArcContainer arc = Arc.container();
        if (arc != null && arc.isRunning()) {
            return arc.instance(Validator.class).get();
        }
        return Standalone.VALIDATOR;
    }

    private static final class Standalone {
        static final Validator VALIDATOR =
                Validation.byProvider(HibernateValidator.class)
                        .configure()
                        .messageInterpolator(new ParameterMessageInterpolator())
                        .buildValidatorFactory()
                        .getValidator();
    }
}
