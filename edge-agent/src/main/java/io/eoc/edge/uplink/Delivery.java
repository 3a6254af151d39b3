package io.eoc.edge.uplink;

import io.eoc.edge.outbox.OutboxRecord;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;

/**
 * Completes one published batch: acknowledged (or refused, reason code ≥ 0x80, which Paho reports
 * as a success), or failed — then the rewind after reconnecting sends it again.
 */
final class Delivery implements MqttActionListener {
  private final MqttUplink uplink;
  private final OutboxRecord record;
  private final long generation;
  private final boolean backfill;

  Delivery(MqttUplink uplink, OutboxRecord record, long generation, boolean backfill) {
    this.uplink = uplink;
    this.record = record;
    this.generation = generation;
    this.backfill = backfill;
  }

  @Override
  public void onSuccess(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    uplink.acknowledged(record, generation, backfill, codes != null && codes.length > 0 ? codes[0] : 0);
  }

  @Override
  public void onFailure(IMqttToken token, Throwable e) {
    uplink.notDelivered(record, generation, e);
  }

}
