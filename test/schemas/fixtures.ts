// The schemas both the Kafka level and the editor suite write records with: an Avro record
// with a decimal and a timestamp, and a .proto with a well-known type and a map of int64; and
// the unit tests' record of every Avro type.

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

/** A parcel as the search bench writes a million of: a string, an int, an enum, a timestamp, an optional note. */
export const PARCEL_AVRO = {
  type: 'record',
  name: 'Parcel',
  namespace: 'bench',
  fields: [
    { name: 'customer', type: 'string' },
    { name: 'qty', type: 'int' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PACKED', 'SHIPPED'] } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'note', type: ['null', 'string'] },
  ],
};

export const ORDERS_PROTO = `syntax = "proto3";
package acme;
import "google/protobuf/timestamp.proto";
message Order { string id = 1; }
message Shipment { string order_id = 1; google.protobuf.Timestamp shipped_at = 2; map<string, int64> weights = 3; }
`;

/** Every Avro type and logical type, in one record (the unit tests' edges). */
export const AVRO_EVERY_TYPE = {
  type: 'record',
  name: 'Order',
  namespace: 'acme',
  fields: [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    {
      name: 'amount',
      type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
    },
    {
      name: 'price',
      type: {
        type: 'fixed',
        name: 'Price',
        size: 8,
        logicalType: 'decimal',
        precision: 18,
        scale: 4,
      },
    },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'at_ms', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'at_us', type: { type: 'long', logicalType: 'timestamp-micros' } },
    {
      name: 'local_ms',
      type: { type: 'long', logicalType: 'local-timestamp-millis' },
    },
    {
      name: 'local_us',
      type: { type: 'long', logicalType: 'local-timestamp-micros' },
    },
    { name: 't_ms', type: { type: 'int', logicalType: 'time-millis' } },
    { name: 't_us', type: { type: 'long', logicalType: 'time-micros' } },
    {
      name: 'status',
      type: {
        type: 'enum',
        name: 'Status',
        symbols: ['NEW', 'PAID', 'SHIPPED'],
      },
    },
    { name: 'note', type: ['null', 'string'] },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attrs', type: { type: 'map', values: 'long' } },
    { name: 'big', type: 'long' },
    { name: 'raw', type: 'bytes' },
    { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
    { name: 'ratio', type: 'float' },
    { name: 'score', type: 'double' },
    { name: 'ok', type: 'boolean' },
    {
      name: 'choice',
      type: [
        'null',
        'int',
        'string',
        {
          type: 'record',
          name: 'Inner',
          fields: [{ name: 'x', type: 'double' }],
        },
      ],
    },
  ],
};
