// Sends messages with the Kafka distribution's own Java client, one compression type per
// partition, so the tests read batches that another client compressed. Run as a single source
// file: java -cp <broker classpath> CompressedProducer.java BOOTSTRAP TOPIC COUNT CODEC...
// Message i of codec c, to partition c's index: key "c-i", value "{"codec":"c","n":i}" + padding
// that compresses well, so the batches really are compressed.

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class CompressedProducer {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        for (int c = 3; c < args.length; c++) {
            String codec = args[c];
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            props.put("compression.type", codec);
            props.put("linger.ms", "50");
            props.put("key.serializer", StringSerializer.class.getName());
            props.put("value.serializer", StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                for (int i = 0; i < count; i++) {
                    String value = "{\"codec\":\"" + codec + "\",\"n\":" + i + ",\"pad\":\"" + "abc".repeat(50) + "\"}";
                    producer.send(new ProducerRecord<>(topic, c - 3, codec + "-" + i, value));
                }
                producer.flush();
            }
        }
    }
}
