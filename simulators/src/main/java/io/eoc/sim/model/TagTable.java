package io.eoc.sim.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * A model's tags with how to read and write each, so that every model answers {@code value} and
 * {@code write} the same way, with the same messages.
 */
final class TagTable {

  private final String kind;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  TagTable(String kind) {
    this.kind = kind;
  }

  /** Adds a read-only tag. */
  TagTable read(TagSpec spec, DoubleSupplier value) {
    return add(new Entry(spec.withWritable(false), value, null));
  }

  /** Adds a writable tag; {@code apply} receives only values already checked against the spec. */
  TagTable write(TagSpec spec, DoubleSupplier value, DoubleConsumer apply) {
    return add(new Entry(spec.withWritable(true), value, apply));
  }

  private TagTable add(Entry entry) {
    if (entries.putIfAbsent(entry.spec().name(), entry) != null) {
      throw new IllegalStateException(kind + " defines tag " + entry.spec().name() + " twice");
    }
    return this;
  }

  List<TagSpec> specs() {
    return entries.values().stream().map(Entry::spec).toList();
  }

  double value(String tag) {
    return entry(tag).value().getAsDouble();
  }

  void write(String tag, double value) {
    Entry entry = entry(tag);
    TagSpec spec = entry.spec();
    if (!spec.writable()) {
      throw new IllegalArgumentException("tag '" + tag + "' of " + kind + " is read-only;"
          + " writable tags: " + writableNames());
    }
    if (!Double.isFinite(value) || !spec.contains(value)) {
      throw new IllegalArgumentException("value " + TagSpec.format(value) + " for tag '" + tag
          + "' of " + kind + " is out of range; allowed: " + spec.range());
    }
    if (spec.kind() == TagKind.STATE && value != Math.rint(value)) {
      throw new IllegalArgumentException("value " + TagSpec.format(value) + " for tag '" + tag
          + "' of " + kind + " is not a whole number; allowed: " + spec.range()
          + describe(spec));
    }
    entry.apply().accept(value);
  }

  private Entry entry(String tag) {
    Entry entry = entries.get(tag);
    if (entry == null) {
      throw new IllegalArgumentException("unknown tag '" + tag + "' of " + kind + "; tags: "
          + String.join(", ", entries.keySet()));
    }
    return entry;
  }

  private String writableNames() {
    String names = entries.values().stream().filter(e -> e.spec().writable())
        .map(e -> e.spec().name()).collect(Collectors.joining(", "));
    return names.isEmpty() ? "none" : names;
  }

  private static String describe(TagSpec spec) {
    return spec.description().isEmpty() ? "" : " (" + spec.description() + ")";
  }

  private record Entry(TagSpec spec, DoubleSupplier value, DoubleConsumer apply) {}
}
