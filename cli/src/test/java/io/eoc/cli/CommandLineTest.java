package io.eoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String cmd : new String[] {"demo", "cloud", "agent", "sim", "assess"}) {
      assertThat(run(cmd, "--help")).as(cmd).isZero();
    }
    assertThat(out.toString()).contains("Usage: eoc demo").contains("Usage: eoc cloud").contains("--kafka-bootstrap")
        .contains("Usage: eoc agent").contains("Usage: eoc sim").contains("Usage: eoc assess");
  }

  @Test
  void badAgentConfigurationFailsAtStartNamingFileLineAndWhatIsAllowed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), """
        agent: {id: a1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - id: boiler-1
            category: high-energy
            protocol: modbus-tcp
            host: 127.0.0.1
            registers:
              - {tag: p, address: zero, type: uint16, colour: red}
        """);
    assertThat(run("agent", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(file + ":9:27: devices[0].registers[0].address: expected an integer (0 to 65535), found 'zero'")
        .contains(file + ":9:47: devices[0].registers[0].colour: unknown field; allowed here: tag, table, address, type, scale, offset, unit");
  }

  @Test
  void validAgentConfigurationIsCheckedWithoutStarting(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), """
        agent: {id: a1}
        cloud: {url: "tcp://127.0.0.1:1883", token: secret-token}
        devices:
          - {id: boiler-1, category: high-energy, protocol: modbus-tcp, host: 127.0.0.1,
             registers: [{tag: p, address: 0, type: uint16}]}
        """);
    assertThat(run("agent", "--config", file.toString(), "--check")).isZero();
    assertThat(out.toString()).contains("boiler-1").contains("configuration is valid").doesNotContain("secret-token");
  }

  @Test
  void assessWithoutARunningCloudSaysWhatToDo(@TempDir Path dir) {
    assertThat(run("assess", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no running cloud found").contains("./eoc cloud");
  }
}
