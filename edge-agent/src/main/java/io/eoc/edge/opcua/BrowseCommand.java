package io.eoc.edge.opcua;

import io.eoc.edge.opcua.OpcUaBrowser.BrowseNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eoc agent browse <endpoint>}: prints a server's address space with YAML-ready node ids. */
@Command(name = "browse", mixinStandardHelpOptions = true,
    header = "Print an OPC UA server's address space, to pick nodes for agent.yaml.",
    description = {"Connects with security None and anonymous identity and walks Objects.",
        "Each variable is printed with its data type, current value and a line to paste under nodes:."})
public final class BrowseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ENDPOINT", description = "e.g. opc.tcp://10.0.0.5:4840/plc")
  String endpoint;

  @Option(names = "--depth", defaultValue = "4", description = "Levels below Objects (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--all", description = "Include the standard Server object.")
  boolean all;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      print(out, OpcUaBrowser.browse(endpoint, depth, all), "");
      out.flush();
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
  }

  static void print(PrintWriter out, List<BrowseNode> nodes, String indent) {
    for (BrowseNode n : nodes) {
      StringBuilder line = new StringBuilder(indent).append(n.browseName()).append(" (")
          .append(n.nodeClass());
      n.dataType().ifPresent(t -> line.append(", ").append(t));
      line.append(')');
      n.value().ifPresent(v -> line.append(" = ").append(v));
      if (n.nodeClass().equals("Variable")) {
        line.append("    ").append(n.yaml());
      }
      out.println(line);
      print(out, n.children(), indent + "  ");
    }
  }
}
