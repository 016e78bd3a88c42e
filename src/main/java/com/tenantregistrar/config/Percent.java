package com.tenantregistrar.config;

/**
 * A share from 0% to 100%, as a setting writes it ({@code 10%}; {@link PercentConverter}).
 *
 * @param value the share, from 0 to 100
 */
public record Percent(double value) {

    public Percent {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException("a percentage must be from 0% to 100%, not " + value);
        }
    }

    /** {@code 10%} or {@code 10}: ten percent. */
    public static Percent of(String text) {
        String number = text.trim();
        if (number.endsWith("%")) {
            number = number.substring(0, number.length() - 1).trim();
        }
        return new Percent(Double.parseDouble(number));
    }

    /** {@code share} of {@code whole}. */
    public double of(int whole) {
        return whole * value / 100;
    }

    @Override
    public String toString() {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + "%";
    }
}
