package io.tributary.platform.query;

/**
 * One column of a page.
 *
 * @param name the column's name
 * @param type the engine's type, for example {@code bigint} or {@code timestamp(6) with time zone}
 */
public record ResultColumn(String name, String type) {}
