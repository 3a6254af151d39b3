package io.eoc.edge.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;

/**
 * Walks a server's address space from Objects (hierarchical references, OPC UA Part 4 §5.8.2) so
 * that an engineer can pick nodes for the agent's {@code nodes:} list. Security None, anonymous:
 * browsing is a commissioning step on the plant network.
 */
public final class OpcUaBrowser {

  /** One node: its id as the agent's configuration writes it, and what it is. */
  public record BrowseNode(String nodeId, String browseName, String nodeClass,
      Optional<String> dataType, Optional<String> value, List<BrowseNode> children) {
    public BrowseNode {
      Objects.requireNonNull(nodeId, "nodeId");
      Objects.requireNonNull(browseName, "browseName");
      children = List.copyOf(children);
    }

    /** {@code node: "ns=2;s=boiler-1.steam_pressure"}, ready for agent.yaml. */
    public String yaml() {
      return "node: \"" + nodeId + "\"";
    }
  }

  private OpcUaBrowser() {}

  /**
   * The tree under Objects, {@code maxDepth} levels deep; the standard Server object is left out
   * unless {@code includeServer}.
   *
   * @throws IOException if the server cannot be reached or refuses to be browsed
   */
  public static List<BrowseNode> browse(String endpoint, int maxDepth, boolean includeServer)
      throws IOException {
    OpcUaClient client = null;
    try {
      client = OpcUaClient.create(endpoint);
      client.connect();
      return children(client, NodeIds.ObjectsFolder, maxDepth, includeServer);
    } catch (UaException e) {
      throw new IOException("cannot browse " + endpoint + ": " + e.getMessage(), e);
    } finally {
      if (client != null) {
        try {
          client.disconnect();
        } catch (UaException e) {
          // Already failed or done: nothing to release beyond what disconnect tried.
        }
      }
    }
  }

  private static List<BrowseNode> children(OpcUaClient client, NodeId parent, int depth,
      boolean includeServer) throws UaException {
    if (depth <= 0) {
      return List.of();
    }
    BrowseResult result = client.browse(new BrowseDescription(parent, BrowseDirection.Forward,
        NodeIds.HierarchicalReferences, true, uint(NodeClass.Object.getValue()
            | NodeClass.Variable.getValue() | NodeClass.Method.getValue()),
        uint(BrowseResultMask.All.getValue())));
    List<BrowseNode> nodes = new ArrayList<>();
    ReferenceDescription[] refs = result.getReferences();
    for (ReferenceDescription ref : refs == null ? new ReferenceDescription[0] : refs) {
      Optional<NodeId> id = ref.getNodeId().toNodeId(client.getNamespaceTable());
      if (id.isEmpty() || (!includeServer && id.get().equals(NodeIds.Server))) {
        continue;
      }
      Optional<String> dataType = Optional.empty();
      Optional<String> value = Optional.empty();
      if (ref.getNodeClass() == NodeClass.Variable) {
        DataValue[] read = client.read(0, TimestampsToReturn.Neither, List.of(
            new ReadValueId(id.get(), AttributeId.DataType.uid(), null, null),
            new ReadValueId(id.get(), AttributeId.Value.uid(), null, null))).getResults();
        List<DataValue> v = read == null ? List.of() : List.of(read);
        if (v.size() == 2) {
          dataType = Optional.ofNullable(v.get(0).getValue().getValue()).map(o -> dataTypeName(o));
          value = Optional.ofNullable(v.get(1).getValue().getValue()).map(Object::toString);
        }
      }
      nodes.add(new BrowseNode(id.get().toParseableString(), ref.getBrowseName().name(),
          ref.getNodeClass().name(), dataType, value,
          ref.getNodeClass() == NodeClass.Method ? List.of()
              : children(client, id.get(), depth - 1, includeServer)));
    }
    return nodes;
  }

  private static String dataTypeName(Object dataType) {
    if (dataType instanceof NodeId id) {
      if (id.equals(NodeIds.Double)) {
        return "Double";
      } else if (id.equals(NodeIds.Boolean)) {
        return "Boolean";
      } else if (id.equals(NodeIds.UInt32)) {
        return "UInt32";
      } else if (id.equals(NodeIds.Float)) {
        return "Float";
      } else if (id.equals(NodeIds.Int32)) {
        return "Int32";
      } else if (id.equals(NodeIds.String)) {
        return "String";
      }
      return id.toParseableString();
    }
    return dataType.toString();
  }
}
