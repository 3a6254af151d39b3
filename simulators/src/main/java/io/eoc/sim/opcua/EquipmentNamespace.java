package io.eoc.sim.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.TagKind;
import io.eoc.sim.model.TagSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.AddressSpace;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;

/**
 * The simulated devices as OPC UA nodes: an object per device under Objects, a variable per tag
 * with EngineeringUnits and EURange properties (Part 8 §5.3.2, AnalogItemType's properties),
 * Start/Stop methods where the model has a writable {@code running} tag. Writes and method calls
 * go to the model on its tick thread ({@link OpcUaEquipmentServer#onTickThread}).
 */
final class EquipmentNamespace extends ManagedNamespaceWithLifecycle {
  static final String URI = "urn:eoc:simulator:equipment";

  private final SubscriptionModel subscriptions;
  private final Map<NodeId, Served> byNode = new HashMap<>();
  private final Map<String, List<Served>> byDevice = new HashMap<>();
  private final TickThread tickThread;

  /** One tag of one device, as served. */
  record Served(String deviceId, EquipmentModel model, TagSpec tag, UaVariableNode node) {}

  /** Runs model work on the thread that owns the models. */
  interface TickThread {
    <T> T call(Callable<T> task) throws Exception;
  }

  EquipmentNamespace(OpcUaServer server, Map<String, EquipmentModel> devices, TickThread tickThread) {
    super(server, URI);
    this.tickThread = tickThread;
    this.subscriptions = new SubscriptionModel(server, this);
    getLifecycleManager().addLifecycle(subscriptions);
    getLifecycleManager().addStartupTask(() -> devices.forEach(this::addDevice));
  }

  private void addDevice(String deviceId, EquipmentModel model) {
    UaObjectNode device = new UaObjectNode.UaObjectNodeBuilder(getNodeContext())
        .setNodeId(newNodeId(deviceId))
        .setBrowseName(newQualifiedName(deviceId))
        .setDisplayName(LocalizedText.english(deviceId))
        .setDescription(LocalizedText.english("simulated " + model.kind()))
        .setTypeDefinition(NodeIds.BaseObjectType)
        .build();
    device.addReference(new Reference(device.getNodeId(), NodeIds.Organizes,
        NodeIds.ObjectsFolder.expanded(), Reference.Direction.INVERSE));
    getNodeManager().addNode(device);
    List<Served> served = new ArrayList<>();
    for (TagSpec tag : model.tags()) {
      UaVariableNode node = addTag(device, deviceId, tag);
      Served s = new Served(deviceId, model, tag, node);
      byNode.put(node.getNodeId(), s);
      served.add(s);
    }
    byDevice.put(deviceId, served);
    model.tag("running").filter(TagSpec::writable).ifPresent(running -> {
      addMethod(device, deviceId, "Start", model, 1);
      addMethod(device, deviceId, "Stop", model, 0);
    });
  }

  private UaVariableNode addTag(UaObjectNode device, String deviceId, TagSpec tag) {
    NodeId dataType = dataType(tag);
    var access = tag.writable() ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY;
    UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
        .setNodeId(newNodeId(deviceId + "." + tag.name()))
        .setBrowseName(newQualifiedName(tag.name()))
        .setDisplayName(LocalizedText.english(tag.name()))
        .setDescription(LocalizedText.english(tag.description()))
        .setDataType(dataType)
        .setTypeDefinition(tag.kind() == TagKind.ANALOG ? NodeIds.AnalogItemType : NodeIds.BaseDataVariableType)
        .setAccessLevel(access)
        .setUserAccessLevel(access)
        .setMinimumSamplingInterval(0.0)
        .build();
    getNodeManager().addNode(node);
    device.addComponent(node);
    addProperty(node, "EURange", NodeIds.Range, new Range(tag.min(), tag.max()));
    addProperty(node, "EngineeringUnits", NodeIds.EUInformation, EngineeringUnits.of(tag.unit()));
    return node;
  }

  private void addProperty(UaVariableNode parent, String name, NodeId dataType, Object value) {
    UaVariableNode property = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
        .setNodeId(newNodeId(parent.getNodeId().getIdentifier() + "." + name))
        .setBrowseName(new org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName(0, name))
        .setDisplayName(LocalizedText.english(name))
        .setDataType(dataType)
        .setTypeDefinition(NodeIds.PropertyType)
        .setAccessLevel(AccessLevel.READ_ONLY)
        .setUserAccessLevel(AccessLevel.READ_ONLY)
        .build();
    property.setValue(new DataValue(new Variant(value)));
    getNodeManager().addNode(property);
    parent.addReference(new Reference(parent.getNodeId(), NodeIds.HasProperty,
        property.getNodeId().expanded(), Reference.Direction.FORWARD));
  }

  private void addMethod(UaObjectNode device, String deviceId, String name, EquipmentModel model,
      double running) {
    UaMethodNode method = new UaMethodNode.UaMethodNodeBuilder(getNodeContext())
        .setNodeId(newNodeId(deviceId + "." + name))
        .setBrowseName(newQualifiedName(name))
        .setDisplayName(LocalizedText.english(name))
        .setDescription(LocalizedText.english(name + " the equipment (writes running = " + (int) running + ")"))
        .build();
    method.setInvocationHandler(new AbstractMethodInvocationHandler(method) {
      @Override
      public Argument[] getInputArguments() {
        return new Argument[0];
      }

      @Override
      public Argument[] getOutputArguments() {
        return new Argument[0];
      }

      @Override
      protected Variant[] invoke(InvocationContext context, Variant[] inputs) throws UaException {
        StatusCode status = writeToModel(deviceId, model, "running", running);
        if (!status.isGood()) {
          throw new UaException(status, name + " refused by " + deviceId);
        }
        return new Variant[0];
      }
    });
    getNodeManager().addNode(method);
    device.addComponent(method);
  }

  static NodeId dataType(TagSpec tag) {
    if (tag.kind() == TagKind.STATE) {
      return tag.min() == 0 && tag.max() == 1 ? NodeIds.Boolean : NodeIds.UInt32;
    }
    return NodeIds.Double;
  }

  static Variant variant(TagSpec tag, double value) {
    NodeId type = dataType(tag);
    if (type.equals(NodeIds.Boolean)) {
      return new Variant(value != 0);
    }
    if (type.equals(NodeIds.UInt32)) {
      return new Variant(uint(Math.max(0, Math.round(value))));
    }
    return new Variant(value);
  }

  /** Publishes every tag's value; called on the tick thread after a step or a write. */
  void publish(String deviceId, Instant sourceTime) {
    DateTime source = new DateTime(sourceTime);
    DateTime now = DateTime.now();
    for (Served s : byDevice.getOrDefault(deviceId, List.of())) {
      s.node().setValue(new DataValue(variant(s.tag(), s.tag().quantize(s.model().value(s.tag().name()))),
          StatusCode.GOOD, source, now));
    }
  }

  @Override
  public List<StatusCode> write(AddressSpace.WriteContext context, List<WriteValue> writeValues) {
    List<StatusCode> results = new ArrayList<>(writeValues.size());
    for (WriteValue wv : writeValues) {
      Served s = byNode.get(wv.getNodeId());
      if (s == null || !AttributeId.Value.uid().equals(wv.getAttributeId()) || !s.tag().writable()) {
        results.add(super.write(context, List.of(wv)).get(0));
      } else {
        Double value = toDouble(wv.getValue().getValue().getValue());
        results.add(value == null ? new StatusCode(StatusCodes.Bad_TypeMismatch)
            : writeToModel(s.deviceId(), s.model(), s.tag().name(), value));
      }
    }
    return results;
  }

  private StatusCode writeToModel(String deviceId, EquipmentModel model, String tag, double value) {
    try {
      return tickThread.call(() -> {
        try {
          model.write(tag, value);
        } catch (IllegalArgumentException e) {
          return new StatusCode(StatusCodes.Bad_OutOfRange);
        }
        publish(deviceId, model.now());
        return StatusCode.GOOD;
      });
    } catch (Exception e) {
      return new StatusCode(StatusCodes.Bad_InternalError);
    }
  }

  private static Double toDouble(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof UInteger u) {
      return u.doubleValue();
    }
    return null;
  }

  @Override
  public void onDataItemsCreated(List<DataItem> items) {
    subscriptions.onDataItemsCreated(items);
  }

  @Override
  public void onDataItemsModified(List<DataItem> items) {
    subscriptions.onDataItemsModified(items);
  }

  @Override
  public void onDataItemsDeleted(List<DataItem> items) {
    subscriptions.onDataItemsDeleted(items);
  }

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> items) {
    subscriptions.onMonitoringModeChanged(items);
  }
}
