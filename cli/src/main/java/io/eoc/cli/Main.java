package io.eoc.cli;

import io.eoc.edge.AgentCommand;
import io.eoc.ingest.AssessCommand;
import io.eoc.ingest.CloudCommand;
import io.eoc.sim.SimCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eoc}: one command line composing every module's commands. */
@Command(name = "eoc", mixinStandardHelpOptions = true, version = "eoc 0.1.0",
    description = {"eoc — equipment on cloud (设备上云): connect industrial equipment to the cloud and",
        "measure the evidence for star-rated cloud adoption (星级上云).", ""},
    subcommands = {DemoCommand.class, CloudCommand.class, AgentCommand.class, ProbeCommand.class, SimCommand.class, AssessCommand.class,
        VerifyCommand.class, BackfillCommand.class, BenchCommand.class},
    footer = {"", "Start with: eoc demo"})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setUsageHelpWidth(110);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println(cmd.getCommandName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
