// A topic's settings as the broker describes them, and the changes we send. Plain data, shared
// by the access layer, the explorer and the CLI.

/**
 * Where the value in effect comes from, as DescribeConfigs (v1+) names it
 * (org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource):
 * - `topic`: set on this topic (a topic-level override; the only kind Reset removes);
 * - `dynamic-broker`: set on one broker at run time (`kafka-configs --entity-type brokers --entity-name N`);
 * - `dynamic-default-broker`: set at run time for every broker (`--entity-default`);
 * - `static-broker`: in the broker's `server.properties`;
 * - `default`: Kafka's built-in default;
 * - `unknown`: anything else the broker says.
 */
export type TopicConfigSource = 'topic' | 'dynamic-broker' | 'dynamic-default-broker' | 'static-broker' | 'default' | 'unknown';

/** A config's type as DescribeConfigs v3+ reports it (ConfigDef.Type). */
export type TopicConfigType = 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password' | 'unknown';

export interface TopicConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: TopicConfigSource;
}

export interface TopicConfigEntry {
  readonly name: string;
  /** As the broker sends it: milliseconds and bytes as decimal strings, lists comma-separated; null when sensitive or unset. */
  readonly value: string | null;
  readonly source: TopicConfigSource;
  readonly readOnly: boolean;
  /** A password or similar: the broker never sends its value. */
  readonly sensitive: boolean;
  readonly type: TopicConfigType;
  /** The broker's own documentation of the setting; null when it sends none. */
  readonly documentation: string | null;
  /**
   * Where else a value is defined, most specific first (the topic's own, then the broker's
   * `log.retention.ms`…, then the default), as the broker lists them with includeSynonyms.
   */
  readonly synonyms: readonly TopicConfigSynonym[];
}

/** One change of a topic's settings: a new value, or `null` to delete the topic's override. */
export interface TopicConfigChange {
  readonly name: string;
  readonly value: string | null;
}
