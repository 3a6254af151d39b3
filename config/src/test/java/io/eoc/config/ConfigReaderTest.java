package io.eoc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

  private static final Map<String, String> TYPES = Map.of("int16", "int16", "float32", "float32");

  @Test
  void everyProblemIsReportedTogetherWithLineAndWhatIsAllowed() {
    ConfigReader reader = ConfigReader.parse("agent.yaml", """
        agent:
          id: a1
          colour: blue
        devices:
          - id: boiler
            poll: fast
            registers:
              - tag: p
                type: flaot32
        """);
    ConfigNode root = reader.root();
    root.allowOnly("agent", "devices");
    ConfigNode agent = root.get("agent");
    agent.allowOnly("id");
    for (ConfigNode device : root.list("devices")) {
      device.duration("poll", Duration.ofSeconds(1), Duration.ofMillis(10));
      device.string("address");
      for (ConfigNode reg : device.list("registers")) {
        reg.choice("type", TYPES);
      }
    }

    assertThatThrownBy(reader::finish)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("agent.yaml:3:3: agent.colour: unknown field; allowed here: id")
        .hasMessageContaining("agent.yaml:6:11: devices[0].poll: expected a duration")
        .hasMessageContaining("devices[0].address: missing value")
        .hasMessageContaining("agent.yaml:9:15: devices[0].registers[0].type: unknown value 'flaot32'; allowed:")
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4));
  }

  @Test
  void wrongTypesAndRangesNameTheExpectedValue() {
    ConfigReader reader = ConfigReader.parse("x.yaml", "port: abc\nunit: 300\nlist: 5\nflag: maybe\n");
    ConfigNode root = reader.root();
    root.integer("port", 1, 65535);
    root.integer("unit", 1, 247);
    root.list("list");
    root.bool("flag", false);

    assertThat(reader.problems()).extracting(ConfigProblem::toString).containsExactly(
        "x.yaml:1:7: port: expected an integer (1 to 65535), found 'abc'",
        "x.yaml:2:7: unit: value 300 is out of range; allowed: 1 to 247",
        "x.yaml:3:7: list: expected a list, found '5'",
        "x.yaml:4:7: flag: expected true or false, found 'maybe'");
  }

  @Test
  void validDocumentBindsValuesAndDefaults() {
    ConfigReader reader = ConfigReader.parse("ok.yaml", "a: 5\nd: 250ms\nt: Float32\n");
    ConfigNode root = reader.root();
    assertThat(root.integer("a", 0, 10)).isEqualTo(5);
    assertThat(root.integer("missing", 7, 0, 10)).isEqualTo(7);
    assertThat(root.duration("d", Duration.ZERO, Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(root.choice("t", TYPES)).isEqualTo("float32");
    reader.finish();
  }

  @Test
  void syntaxErrorsAndDuplicateKeysFailAtOnceWithThePosition() {
    assertThatThrownBy(() -> ConfigReader.parse("bad.yaml", "a: [1, 2\nb: 3\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bad.yaml:")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> ConfigReader.parse("dup.yaml", "a: 1\na: 2\n"))
        .hasMessageContaining("dup.yaml:")
        .hasMessageContaining("duplicate key a");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigReader.open(file)).hasMessageContaining(file + ": file not found");
  }

  @Test
  void emptyFileIsAnEmptyMapping(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("empty.yaml"), "");
    ConfigReader reader = ConfigReader.open(file);
    assertThat(reader.root().keys()).isEmpty();
    assertThat(reader.root().string("x", "d")).isEqualTo("d");
    reader.finish();
  }
}
