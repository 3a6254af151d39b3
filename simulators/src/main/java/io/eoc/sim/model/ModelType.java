package io.eoc.sim.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One kind of simulated equipment: what it is and how to make one.
 *
 * @param kind the kind ("wind-turbine"), as written in plant scenarios
 * @param category the jiangsu-2023 category it counts towards
 * @param description a human name, with the Chinese term of the guideline
 * @param tags the tags every model of this kind has
 * @param factory makes a model from a seed and the simulated start instant
 */
public record ModelType(String kind, Category category, String description, List<TagSpec> tags,
    Factory factory) {

  /** Makes a model. */
  @FunctionalInterface
  public interface Factory {
    EquipmentModel create(long seed, Instant start);
  }

  public ModelType {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(factory, "factory");
    tags = List.copyOf(tags);
  }

  /** A type whose tags are those of a model made with seed 0 at the epoch. */
  static ModelType of(String description, Factory factory) {
    EquipmentModel prototype = factory.create(0, Instant.EPOCH);
    return new ModelType(prototype.kind(), prototype.category(), description, prototype.tags(),
        factory);
  }

  public EquipmentModel create(long seed, Instant start) {
    return factory.create(seed, start);
  }
}
