// What Kafka's own Java consumer sees of a topic with isolation.level=read_committed: every
// record of every partition from the beginning to the end (the last stable offset), one JSON
// object per line. Run as a single source file:
//   java -cp <broker classpath> ReadCommittedReader.java BOOTSTRAP TOPIC [FEWER_THAN]
// With FEWER_THAN, reads the topic again every second (for up to 120 s) until it holds fewer
// records than that, as after log compaction; prints the last reading.
// Line: {"partition":0,"offset":"5","timestamp":"123","key":BASE64|null,"value":BASE64|null,
//        "headers":[[KEY,BASE64|null],...]}

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

public class ReadCommittedReader {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        long fewerThan = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        long deadline = System.currentTimeMillis() + 120_000;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(args[1])) partitions.add(new TopicPartition(args[1], p.partition()));
            consumer.assign(partitions);
            while (true) {
                List<String> lines = readAll(consumer, partitions);
                if (lines.size() < fewerThan || System.currentTimeMillis() > deadline) {
                    for (String line : lines) System.out.println(line);
                    return;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static List<String> readAll(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<String> lines = new ArrayList<>();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                StringBuilder headers = new StringBuilder();
                for (Header h : r.headers()) {
                    if (headers.length() > 0) headers.append(',');
                    headers.append('[').append(json(h.key())).append(',').append(base64(h.value())).append(']');
                }
                lines.add("{\"partition\":" + r.partition() + ",\"offset\":\"" + r.offset() + "\",\"timestamp\":\"" + r.timestamp()
                        + "\",\"key\":" + base64(r.key()) + ",\"value\":" + base64(r.value()) + ",\"headers\":[" + headers + "]}");
            }
        }
        return lines;
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? "null" : "\"" + Base64.getEncoder().encodeToString(bytes) + "\"";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
