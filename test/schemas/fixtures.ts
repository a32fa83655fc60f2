// The schemas both the Kafka level and the editor suite write records with: an Avro record
// with a decimal and a timestamp, and a .proto with a well-known type and a map of int64.

export const ORDER_AVRO = {
  type: 'record',
  name: 'Order',
  namespace: 'acme',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
};

export const ORDERS_PROTO = `syntax = "proto3";
package acme;
import "google/protobuf/timestamp.proto";
message Order { string id = 1; }
message Shipment { string order_id = 1; google.protobuf.Timestamp shipped_at = 2; map<string, int64> weights = 3; }
`;
