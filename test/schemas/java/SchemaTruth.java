// Ground truth for test/schemas: Apache Avro and protobuf-java answer one JSON request per
// stdin line with one JSON line on stdout, so a test file starts the JVM once.
//   {"op":"avroEncode","schema":S,"json":J}            J in Avro's JSON encoding -> {"hex":…}
//   {"op":"avroDecode","writer":S,"reader":S?,"hex":H} -> {"value":…} (readable JSON, below)
//   {"op":"protoEncode","descriptorSet":B64,"message":M,"json":J} -> {"hex":…} (JsonFormat.parser)
//   {"op":"protoDecode","descriptorSet":B64,"message":M,"hex":H}  -> {"value":…} (JsonFormat.printer)
// A request that fails answers {"error":"…"}.
//
// Readable Avro JSON (the convention the extension shows, with every value from Avro's own
// conversions): unions unwrapped, enums as symbols, bytes and fixed as base64, longs as numbers
// while they are safe integers in JavaScript and as decimal strings past that, decimal as
// BigDecimal.toPlainString, date as ISO date, time as HH:mm:ss.SSS (micros: .SSSSSS), timestamps
// as ISO instants with Z (local timestamps without), uuid as its string.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

public class SchemaTruth {
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final long SAFE = 9007199254740991L;

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      ObjectNode answer = NODES.objectNode();
      try {
        JsonNode request = JSON.readTree(line);
        switch (request.get("op").asText()) {
          case "avroEncode" -> answer.put("hex", avroEncode(request));
          case "avroDecode" -> answer.set("value", avroDecode(request));
          case "protoEncode" -> answer.put("hex", protoEncode(request));
          case "protoDecode" -> answer.set("value", protoDecode(request));
          default -> throw new IllegalArgumentException("unknown op " + request.get("op"));
        }
      } catch (Exception e) {
        answer.put("error", e.toString());
      }
      System.out.println(JSON.writeValueAsString(answer));
      System.out.flush();
    }
  }

  static GenericData withConversions() {
    GenericData data = new GenericData();
    data.addLogicalTypeConversion(new Conversions.DecimalConversion());
    data.addLogicalTypeConversion(new Conversions.UUIDConversion());
    data.addLogicalTypeConversion(new TimeConversions.DateConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    return data;
  }

  static String avroEncode(JsonNode request) throws Exception {
    Schema schema = new Schema.Parser().parse(request.get("schema").asText());
    GenericDatumReader<Object> reader = new GenericDatumReader<>(schema);
    Object datum = reader.read(null, DecoderFactory.get().jsonDecoder(schema, request.get("json").asText()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema).write(datum, encoder);
    encoder.flush();
    return HexFormat.of().formatHex(out.toByteArray());
  }

  static JsonNode avroDecode(JsonNode request) throws Exception {
    Schema writer = new Schema.Parser().parse(request.get("writer").asText());
    Schema reader = request.hasNonNull("reader") ? new Schema.Parser().parse(request.get("reader").asText()) : writer;
    GenericData data = withConversions();
    GenericDatumReader<Object> datumReader = new GenericDatumReader<>(writer, reader, data);
    byte[] bytes = HexFormat.of().parseHex(request.get("hex").asText());
    var decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    Object datum = datumReader.read(null, decoder);
    if (!decoder.isEnd()) throw new IllegalStateException("bytes left after the datum");
    return readable(reader, datum, data);
  }

  static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  static final DateTimeFormatter TS_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
  static final DateTimeFormatter TS_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  static JsonNode readable(Schema schema, Object datum, GenericData data) {
    LogicalType logical = schema.getLogicalType();
    String name = logical == null ? null : logical.getName();
    if (name != null) {
      switch (name) {
        case "decimal": return NODES.textNode(((BigDecimal) datum).toPlainString());
        case "uuid": return NODES.textNode(((UUID) datum).toString());
        case "date": return NODES.textNode(((LocalDate) datum).toString());
        case "time-millis": return NODES.textNode(((LocalTime) datum).format(MILLIS));
        case "time-micros": return NODES.textNode(((LocalTime) datum).format(MICROS));
        case "timestamp-millis": return NODES.textNode(LocalDateTime.ofInstant((Instant) datum, ZoneOffset.UTC).format(TS_MILLIS) + "Z");
        case "timestamp-micros": return NODES.textNode(LocalDateTime.ofInstant((Instant) datum, ZoneOffset.UTC).format(TS_MICROS) + "Z");
        case "local-timestamp-millis": return NODES.textNode(((LocalDateTime) datum).format(TS_MILLIS));
        case "local-timestamp-micros": return NODES.textNode(((LocalDateTime) datum).format(TS_MICROS));
        default: break;
      }
    }
    switch (schema.getType()) {
      case NULL: return NODES.nullNode();
      case BOOLEAN: return NODES.booleanNode((Boolean) datum);
      case INT: return NODES.numberNode((Integer) datum);
      case LONG: {
        long v = (Long) datum;
        return v >= -SAFE && v <= SAFE ? NODES.numberNode(v) : NODES.textNode(Long.toString(v));
      }
      case FLOAT: return number((double) (Float) datum);
      case DOUBLE: return number((Double) datum);
      case STRING: return NODES.textNode(datum.toString());
      case BYTES: {
        ByteBuffer b = ((ByteBuffer) datum).duplicate();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return NODES.textNode(Base64.getEncoder().encodeToString(copy));
      }
      case FIXED: return NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
      case ENUM: return NODES.textNode(datum.toString());
      case ARRAY: {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Iterable<?>) datum) array.add(readable(schema.getElementType(), item, data));
        return array;
      }
      case MAP: {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) object.set(e.getKey().toString(), readable(schema.getValueType(), e.getValue(), data));
        return object;
      }
      case RECORD: {
        ObjectNode object = NODES.objectNode();
        IndexedRecord record = (IndexedRecord) datum;
        for (Schema.Field field : schema.getFields()) object.set(field.name(), readable(field.schema(), record.get(field.pos()), data));
        return object;
      }
      case UNION: return readable(schema.getTypes().get(data.resolveUnion(schema, datum)), datum, data);
      default: throw new IllegalArgumentException("type " + schema.getType());
    }
  }

  static JsonNode number(double v) {
    return Double.isFinite(v) ? NODES.numberNode(v) : NODES.textNode(Double.toString(v));
  }

  static Descriptor descriptor(JsonNode request) throws Exception {
    FileDescriptorSet set = FileDescriptorSet.parseFrom(Base64.getDecoder().decode(request.get("descriptorSet").asText()));
    Map<String, FileDescriptor> built = new HashMap<>();
    for (FileDescriptorProto file : set.getFileList()) {
      List<FileDescriptor> dependencies = new ArrayList<>();
      for (String dependency : file.getDependencyList()) dependencies.add(built.get(dependency));
      built.put(file.getName(), FileDescriptor.buildFrom(file, dependencies.toArray(new FileDescriptor[0])));
    }
    String wanted = request.get("message").asText();
    for (FileDescriptor file : built.values()) {
      for (Descriptor message : file.getMessageTypes()) {
        Descriptor found = find(message, wanted);
        if (found != null) return found;
      }
    }
    throw new IllegalArgumentException("no message " + wanted);
  }

  static Descriptor find(Descriptor message, String wanted) {
    if (message.getFullName().equals(wanted)) return message;
    for (Descriptor nested : message.getNestedTypes()) {
      Descriptor found = find(nested, wanted);
      if (found != null) return found;
    }
    return null;
  }

  static String protoEncode(JsonNode request) throws Exception {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(descriptor(request));
    JsonFormat.parser().merge(request.get("json").asText(), builder);
    return HexFormat.of().formatHex(builder.build().toByteArray());
  }

  static JsonNode protoDecode(JsonNode request) throws Exception {
    DynamicMessage message = DynamicMessage.parseFrom(descriptor(request), HexFormat.of().parseHex(request.get("hex").asText()));
    return JSON.readTree(JsonFormat.printer().print(message));
  }
}
