// One member of a group of the given type, consuming `topic` until its stdin closes:
//   java -cp <classpath> GroupMember.java <brokers> <classic|consumer|share|streams> <group> <topic> <client id>
// Prints "joined" once its first poll returned (a streams app: once it is RUNNING).

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

public class GroupMember {
    public static void main(String[] args) throws Exception {
        String brokers = args[0], type = args[1], group = args[2], topic = args[3], clientId = args[4];
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) { }
            } catch (Exception ignored) { }
            running.set(false);
        });
        watcher.setDaemon(true);
        watcher.start();
        Properties props = new Properties();
        props.put("bootstrap.servers", brokers);
        props.put("client.id", clientId);
        switch (type) {
            case "classic", "consumer" -> {
                props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
                props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, type);
                props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
                props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                    consumer.subscribe(List.of(topic));
                    boolean said = false;
                    while (running.get()) {
                        consumer.poll(Duration.ofMillis(200));
                        if (!consumer.assignment().isEmpty()) {
                            consumer.commitSync();
                            if (!said) { System.out.println("joined"); System.out.flush(); said = true; }
                        }
                    }
                }
            }
            case "share" -> {
                props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
                props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
                props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
                try (KafkaShareConsumer<byte[], byte[]> consumer = new KafkaShareConsumer<>(props)) {
                    consumer.subscribe(List.of(topic));
                    boolean said = false;
                    while (running.get()) {
                        consumer.poll(Duration.ofMillis(200));
                        consumer.commitSync();
                        if (!said) { System.out.println("joined"); System.out.flush(); said = true; }
                    }
                }
            }
            case "streams" -> {
                props.put(StreamsConfig.APPLICATION_ID_CONFIG, group);
                props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
                props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
                props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
                props.put(StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Files.createTempDirectory("streams").toString());
                props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
                props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
                StreamsBuilder builder = new StreamsBuilder();
                builder.stream(topic).foreach((k, v) -> { });
                try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
                    streams.start();
                    boolean said = false;
                    while (running.get()) {
                        if (!said && streams.state() == KafkaStreams.State.RUNNING) { System.out.println("joined"); System.out.flush(); said = true; }
                        Thread.sleep(100);
                    }
                    streams.close(Duration.ofSeconds(20));
                }
            }
            default -> throw new IllegalArgumentException("unknown group type " + type);
        }
    }
}
