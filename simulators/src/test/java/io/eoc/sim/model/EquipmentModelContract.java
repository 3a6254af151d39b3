package io.eoc.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EquipmentModel} promises; each model's test extends this in a few lines and
 * adds its own physics.
 */
abstract class EquipmentModelContract {

  /** Midnight, 21 June 2024, China Standard Time. */
  static final Instant MIDSUMMER = Instant.parse("2024-06-20T16:00:00Z");

  abstract EquipmentModel create(long seed, Instant start);

  @Test
  void sameSeedAndSameStepsGiveIdenticalValues() {
    EquipmentModel a = create(42, MIDSUMMER);
    EquipmentModel b = create(42, MIDSUMMER);
    assertThat(a.values()).isEqualTo(b.values());
    for (int i = 0; i < 3_000; i++) {
      Duration dt = Duration.ofMillis(100 + (i % 7) * 450);
      a.step(dt);
      b.step(dt);
      assertThat(a.values()).as("step %d", i).isEqualTo(b.values());
    }
    List<TagSpec> writable = a.tags().stream().filter(TagSpec::writable).toList();
    for (TagSpec tag : writable) {
      a.write(tag.name(), tag.max());
      b.write(tag.name(), tag.max());
    }
    a.step(Duration.ofMinutes(10));
    b.step(Duration.ofMinutes(10));
    assertThat(a.values()).isEqualTo(b.values());
  }

  @Test
  void differentSeedsGiveDifferentHistories() {
    EquipmentModel a = create(1, MIDSUMMER.plus(Duration.ofHours(10)));
    EquipmentModel b = create(2, MIDSUMMER.plus(Duration.ofHours(10)));
    for (int i = 0; i < 360; i++) {
      a.step(Duration.ofSeconds(10));
      b.step(Duration.ofSeconds(10));
    }
    assertThat(a.values()).isNotEqualTo(b.values());
  }

  @Test
  void everyValueStaysWithinItsTagRangeForASimulatedDay() {
    EquipmentModel model = create(7, MIDSUMMER);
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < 8_640 && violations.size() < 5; i++) {
      model.step(Duration.ofSeconds(10));
      for (TagSpec tag : model.tags()) {
        double v = model.value(tag.name());
        if (!tag.contains(v)) {
          violations.add(tag.name() + " = " + v + " outside " + tag.range() + " at "
              + model.now());
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void simulatedTimeIsTheStartPlusTheSteps() {
    EquipmentModel model = create(3, MIDSUMMER);
    assertThat(model.now()).isEqualTo(MIDSUMMER);
    model.step(Duration.ofMillis(1_500));
    model.step(Duration.ofHours(1));
    assertThat(model.now()).isEqualTo(MIDSUMMER.plusMillis(1_500).plus(Duration.ofHours(1)));
  }

  @Test
  void tagsHaveUniqueNamesAndValuesInTagOrder() {
    EquipmentModel model = create(3, MIDSUMMER);
    List<String> names = model.tags().stream().map(TagSpec::name).toList();
    assertThat(new HashSet<>(names)).hasSameSizeAs(names);
    assertThat(model.values().keySet()).containsExactlyElementsOf(names);
    assertThat(model.tags()).anyMatch(TagSpec::writable);
    assertThat(model.category()).isNotNull();
    assertThat(Models.type(model.kind())).get()
        .satisfies(t -> assertThat(t.category()).isEqualTo(model.category()))
        .satisfies(t -> assertThat(t.tags()).isEqualTo(model.tags()));
  }

  @Test
  void anUnknownTagIsRefusedNamingTheTags() {
    EquipmentModel model = create(3, MIDSUMMER);
    String first = model.tags().get(0).name();
    assertThatThrownBy(() -> model.value("no_such_tag"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("unknown tag 'no_such_tag'", model.kind(), first);
    assertThatThrownBy(() -> model.write("no_such_tag", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown tag 'no_such_tag'");
  }

  @Test
  void aReadOnlyTagIsRefusedNamingTheWritableOnes() {
    EquipmentModel model = create(3, MIDSUMMER);
    TagSpec readOnly = model.tags().stream().filter(t -> !t.writable()).findFirst().orElseThrow();
    TagSpec writable = model.tags().stream().filter(TagSpec::writable).findFirst().orElseThrow();
    assertThatThrownBy(() -> model.write(readOnly.name(), readOnly.min()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("'" + readOnly.name() + "'", "read-only", writable.name());
  }

  @Test
  void aValueOutsideItsRangeIsRefusedNamingTheRangeAndChangesNothing() {
    EquipmentModel model = create(3, MIDSUMMER);
    for (TagSpec tag : model.tags().stream().filter(TagSpec::writable).toList()) {
      Map<String, Double> before = model.values();
      for (double bad : new double[] {tag.max() + tag.span(), tag.min() - 1, Double.NaN}) {
        assertThatThrownBy(() -> model.write(tag.name(), bad))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContainingAll("'" + tag.name() + "'", "out of range", tag.range());
      }
      assertThat(model.values()).isEqualTo(before);
    }
  }

  @Test
  void everyWritableTagAcceptsItsBoundsAndReadsBackTheValue() {
    EquipmentModel model = create(3, MIDSUMMER);
    for (TagSpec tag : model.tags().stream().filter(TagSpec::writable).toList()) {
      model.write(tag.name(), tag.min());
      assertThat(model.value(tag.name())).as(tag.name()).isEqualTo(tag.min());
      model.write(tag.name(), tag.max());
      assertThat(model.value(tag.name())).as(tag.name()).isEqualTo(tag.max());
    }
  }

  @Test
  void stepsMustBePositive() {
    EquipmentModel model = create(3, MIDSUMMER);
    assertThatThrownBy(() -> model.step(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> model.step(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Steps {@code model} for {@code total} in steps of {@code step}, checking after each. */
  static void run(EquipmentModel model, Duration total, Duration step, Runnable check) {
    for (long t = 0; t < total.toNanos(); t += step.toNanos()) {
      model.step(step);
      check.run();
    }
  }
}
