package io.eoc.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeviceDriver} must do, whatever its protocol. An implementation's test extends
 * this class in a few lines: it starts a real in-process device and says how to reach it.
 */
public abstract class DeviceDriverContract {

  /** A driver for a live device, configured with {@link #configuredTags()}; not yet connected. */
  protected abstract DeviceDriver liveDriver() throws Exception;

  /** The tags {@link #liveDriver()} is configured with, in configuration order. */
  protected abstract List<String> configuredTags();

  /**
   * A driver for the live device with one extra tag, {@link #badTag()}, that the device cannot
   * serve (an address or node it does not have).
   */
  protected abstract DeviceDriver driverWithOneBadTag() throws Exception;

  protected abstract String badTag();

  /** A driver for an address where nothing answers. */
  protected abstract DeviceDriver unreachableDriver() throws Exception;

  @Test
  void readReturnsOnePointPerConfiguredTagWithTimestamps() throws Exception {
    try (DeviceDriver driver = liveDriver()) {
      List<Point> points = driver.read();
      assertThat(points).extracting(Point::tag).containsExactlyInAnyOrderElementsOf(configuredTags());
      assertThat(points).allSatisfy(p -> {
        assertThat(p.timestamp()).isNotNull();
        assertThat(p.device()).isEqualTo(driver.deviceId());
        assertThat(p.quality()).isEqualTo(Quality.GOOD);
      });
    }
  }

  @Test
  void aTagTheDeviceCannotServeIsABadQualityNotAnException() throws Exception {
    try (DeviceDriver driver = driverWithOneBadTag()) {
      List<Point> points = driver.read();
      assertThat(points).filteredOn(p -> p.tag().equals(badTag())).singleElement()
          .satisfies(p -> assertThat(p.quality()).isNotEqualTo(Quality.GOOD));
      assertThat(points).filteredOn(p -> !p.tag().equals(badTag()))
          .isNotEmpty().allSatisfy(p -> assertThat(p.quality()).isEqualTo(Quality.GOOD));
    }
  }

  @Test
  void anUnreachableEndpointIsAnIOException() throws Exception {
    try (DeviceDriver driver = unreachableDriver()) {
      assertThatThrownBy(driver::read).isInstanceOf(IOException.class);
    }
  }

  @Test
  void readAfterDisconnectReconnects() throws Exception {
    try (DeviceDriver driver = liveDriver()) {
      driver.read();
      driver.disconnect();
      assertThat(driver.read()).hasSize(configuredTags().size());
    }
  }

  @Test
  void closeIsIdempotent() throws Exception {
    DeviceDriver driver = liveDriver();
    driver.read();
    driver.close();
    assertThatCode(driver::close).doesNotThrowAnyException();
    assertThatCode(driver::disconnect).doesNotThrowAnyException();
  }
}
