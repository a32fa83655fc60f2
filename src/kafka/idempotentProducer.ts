// Sends a stream of messages to one topic as an idempotent producer (KIP-98), the way the Java
// client and librdkafka do: messages gather per partition into batches (up to
// MAX_BATCH_BYTES or MAX_BATCH_RECORDS, or after the linger), each batch gets the partition's
// next sequence number, and up to MAX_IN_FLIGHT Produce requests go to each leader at once,
// each carrying at most one batch per partition (the broker takes one v2 batch per partition
// per request). The broker writes a batch only when its sequence follows the last one it wrote
// for this producer id, and answers a batch it already wrote (one of the last five) with its
// offset again, so a batch sent again after a lost answer, a leader that moved or a timeout is
// written once and in its place. A partition whose batch came back with a retriable error waits
// for its other batches in flight, then sends every unwritten batch again in sequence order
// after fresh metadata. Acknowledgements are reported in the order the messages were given.
// Java's RecordAccumulator, Sender and TransactionManager in apache/kafka are the model.

import { randomInt } from 'crypto';
import { Partitioners } from 'kafkajs';
import type { RawPartitionMetadata } from './kafkajs/types';
import { brokersUnanswered, KafkaAccessError, ProduceReceipts } from './types';
import { toAccessError } from './errors';
import { compressRecords } from './wire/compression';
import type { ProducerIdentity } from './wire/initProducerId';
import type { ProduceAnswer } from './wire/produce';
import { BATCH_HEADER_BYTES, BatchMessage, loneBatchBytes, RecordBatchBuilder, recordBytes } from './wire/recordBatchEncoder';

/** A batch's records, uncompressed, at most (librdkafka's batch.size, 1,000,000 bytes, rounded up). */
export const MAX_BATCH_BYTES = 1024 * 1024;
/** Records per batch at most (librdkafka's batch.num.messages). */
export const MAX_BATCH_RECORDS = 10_000;
/**
 * Produce requests per leader, and batches per partition, in flight at once: 5, the most an
 * idempotent producer may have (the broker keeps the last five batches of each producer id to
 * answer a batch sent again; Java's max.in.flight.requests.per.connection).
 */
export const MAX_IN_FLIGHT = 5;
/** Bytes of messages given but not acknowledged, past which `add`'s caller waits (Java's buffer.memory, 32 MiB). */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** A sequence number wraps to 0 after this (DefaultRecordBatch.incrementSequence). */
const MAX_SEQUENCE = 2_147_483_647;

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** Kafka error codes the producer treats apart from the kafkajs `retriable` flag. */
const OUT_OF_ORDER_SEQUENCE_NUMBER = 45;
const DUPLICATE_SEQUENCE_NUMBER = 46;

/** What the producer reaches the cluster through; connect.ts gives the real one. */
export interface ProducerLink {
  /** Each partition's leader (node id, -1 for none), from fresh metadata. */
  leaders(): Promise<Map<number, number>>;
  /** One Produce request of `batches` to `node`; the answer per partition. Throws for a failed request. */
  produce(node: number, batches: readonly { partition: number; batch: Buffer }[]): Promise<Map<number, ProduceAnswer>>;
  /** kafkajs' protocol error for `code`, with its `retriable` flag. */
  error(code: number, message: string | null): Error & { readonly retriable?: boolean };
}

export interface ProducerSettings {
  readonly topic: string;
  readonly identity: ProducerIdentity;
  /** Partitions and their leaders when the producer starts. */
  readonly partitions: readonly RawPartitionMetadata[];
  /** The batch codec (compression.ts' producerCodec of the topic's compression.type). */
  readonly codec: number;
  /** The topic's max.message.bytes: the largest batch the broker takes. */
  readonly maxMessageBytes: number;
  /** How long a partial batch waits for more messages, ms. */
  readonly lingerMs: number;
  /** How long a partition may keep failing before the producer gives up, ms. */
  readonly deliveryTimeoutMs: number;
}

export type AddressedMessage = BatchMessage & { readonly partition?: number };

/** A closed batch: its records, its place in its partition's sequence, and once written its base offset. */
export interface Batch {
  readonly partition: number;
  readonly baseSequence: number;
  /** The records, encoded as they were added. */
  readonly records: RecordBatchBuilder;
  /** Records in the batch. */
  readonly count: number;
  /** The records' bytes as recordBytes counts them. */
  readonly bytes: number;
  /** The bytes sent, kept so that a batch sent again is the same batch. */
  encoded?: Promise<Buffer>;
  baseOffset?: bigint;
  /** baseOffset as a number while every offset of the batch is exact as one. */
  baseNumber?: number;
  /** Records already reported. */
  reported: number;
}

/**
 * One partition's batches: the one filling, those closed and waiting, those in flight, and
 * those to send again. Pure bookkeeping: no I/O, so the unit tests drive it directly.
 */
export class PartitionQueue {
  /** The batch filling; messages are encoded into it as they come, so none is kept as an object. */
  private open: RecordBatchBuilder | undefined;
  private openBytes = 0;
  /** ms since the epoch when the open batch got its first message. */
  openedAt = 0;
  private nextSequence = 0;
  /** Closed, not sent: in sequence order. */
  private readonly waiting: Batch[] = [];
  /** Sent, not answered: in sequence order. */
  private readonly inFlight: Batch[] = [];
  /** Answered with a retriable error while others are still in flight. */
  private readonly failed: Batch[] = [];
  /** Closed batches not yet fully reported, in sequence order. */
  private readonly unreported: Batch[] = [];
  /** Held until fresh metadata says where the partition's leader is. */
  held = false;
  /** ms since the epoch of the first failure since the last acknowledgement. */
  failingSince: number | undefined;

  constructor(
    readonly partition: number,
    private readonly maxBatchBytes: number,
    private readonly maxBatchRecords: number,
  ) {}

  get openCount(): number {
    return this.open?.count ?? 0;
  }

  /**
   * Encodes `message` of `bytes` (recordBytes) into the open batch, closing it first when it
   * would pass a budget. The message is not kept: its buffers may be reused once this returns.
   * `now` (ms since the epoch) is when a batch it opens was opened; the clock when absent, read
   * only then (a million messages, a million clock reads otherwise).
   */
  add(message: BatchMessage, bytes: number, now?: number): void {
    if (this.open !== undefined && (this.openBytes + bytes > this.maxBatchBytes || this.open.count >= this.maxBatchRecords)) this.close();
    if (this.open === undefined) {
      this.open = new RecordBatchBuilder();
      this.openedAt = now ?? Date.now();
    }
    this.open.append(message);
    this.openBytes += bytes;
  }

  /** Closes the open batch, if any, giving it the partition's next sequence number. */
  close(): void {
    if (this.open === undefined) return;
    const count = this.open.count;
    const batch: Batch = { partition: this.partition, baseSequence: this.nextSequence, records: this.open, count, bytes: this.openBytes, reported: 0 };
    this.nextSequence = (this.nextSequence + count) % (MAX_SEQUENCE + 1);
    this.open = undefined;
    this.openBytes = 0;
    this.waiting.push(batch);
    this.unreported.push(batch);
  }

  /** Whether a batch can go now: one waits, fewer than MAX_IN_FLIGHT are out, and no retry is pending. */
  sendable(): boolean {
    return this.waiting.length > 0 && this.inFlight.length < MAX_IN_FLIGHT && this.failed.length === 0 && !this.held;
  }

  /** The next batch to send, now counted in flight. */
  take(): Batch {
    const batch = this.waiting.shift()!;
    this.inFlight.push(batch);
    return batch;
  }

  /** Whether `batch` is the oldest in flight: nothing before it is unanswered. */
  isFirstInFlight(batch: Batch): boolean {
    return this.inFlight[0] === batch;
  }

  /** `batch` written at `baseOffset`. */
  acknowledge(batch: Batch, baseOffset: bigint): void {
    this.remove(batch);
    batch.baseOffset = baseOffset;
    if (baseOffset + BigInt(batch.count) <= MAX_EXACT) batch.baseNumber = Number(baseOffset);
    this.failingSince = undefined;
    this.requeueWhenQuiet();
  }

  /**
   * `batch` came back unwritten and is to be sent again. Once nothing of the partition is in
   * flight, the failed batches go back before the waiting ones, in sequence order, so the broker
   * sees the sequence without a gap.
   */
  retry(batch: Batch, now: number): void {
    this.remove(batch);
    this.failed.push(batch);
    this.failingSince ??= now;
    this.held = true;
    this.requeueWhenQuiet();
  }

  private requeueWhenQuiet(): void {
    if (this.inFlight.length > 0 || this.failed.length === 0) return;
    this.failed.sort((a, b) => a.baseSequence - b.baseSequence);
    this.waiting.unshift(...this.failed.splice(0));
  }

  /** Whether nothing of the partition is waiting, out or to be sent again. */
  get idle(): boolean {
    return this.waiting.length === 0 && this.inFlight.length === 0 && this.failed.length === 0;
  }

  /** Whether every batch was written and every message closed into one. */
  get settled(): boolean {
    return this.open === undefined && this.waiting.length === 0 && this.inFlight.length === 0 && this.failed.length === 0;
  }

  /** The next message's offset (a number while exact) when its batch was written, else undefined; `take` reports it. */
  nextOffset(take: boolean): number | bigint | undefined {
    const batch = this.unreported[0];
    if (batch?.baseOffset === undefined) return undefined;
    const offset = batch.baseNumber !== undefined ? batch.baseNumber + batch.reported : batch.baseOffset + BigInt(batch.reported);
    if (take && ++batch.reported === batch.count) this.unreported.shift();
    return offset;
  }

  private remove(batch: Batch): void {
    const at = this.inFlight.indexOf(batch);
    if (at >= 0) this.inFlight.splice(at, 1);
  }
}

/**
 * The messages' order, as the partition each went to: reports acknowledgements in that order,
 * as soon as every message before one is written.
 */
export class ReceiptOrder {
  private partitions: number[] = [];
  private head = 0;

  push(partition: number): void {
    this.partitions.push(partition);
  }

  get pending(): number {
    return this.partitions.length - this.head;
  }

  /** Reports every message whose batch, and every earlier message's, was written. */
  report(queues: readonly PartitionQueue[], receipts: ProduceReceipts): void {
    while (this.head < this.partitions.length) {
      const queue = queues[this.partitions[this.head]];
      const offset = queue.nextOffset(true);
      if (offset === undefined) break;
      receipts.acknowledged(queue.partition, offset);
      this.head++;
    }
    if (this.head > 65_536 && this.head * 2 > this.partitions.length) {
      this.partitions = this.partitions.slice(this.head);
      this.head = 0;
    }
  }
}

/** Sends messages to one topic; see the file's comment. One per produce. */
export class IdempotentProducer {
  private readonly queues: PartitionQueue[];
  private readonly order = new ReceiptOrder();
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private lastKey: Buffer | string | null = null;
  private lastKeyPartition = 0;
  /** Partitions with a leader when the producer started, and kafkajs' counter over them. */
  private readonly available: number[];
  private roundRobin = randomInt(2 ** 32);
  private leaders: Map<number, number>;
  private readonly requestsInFlight = new Map<number, number>();
  /** Per leader: settles once the last request's send was started, so requests leave in order. */
  private readonly sending = new Map<number, Promise<void>>();
  private added = 0;
  private bufferedBytes = 0;
  private failure: Error | undefined;
  private linger: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshes = 0;
  private waiters: { test: () => boolean; resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(
    private readonly link: ProducerLink,
    private readonly settings: ProducerSettings,
    private readonly receipts: ProduceReceipts,
  ) {
    const maxBatchBytes = Math.max(1, Math.min(MAX_BATCH_BYTES, settings.maxMessageBytes - BATCH_HEADER_BYTES));
    this.queues = settings.partitions.map((p) => new PartitionQueue(p.partitionId, maxBatchBytes, MAX_BATCH_RECORDS)).sort((a, b) => a.partition - b.partition);
    this.leaders = new Map(settings.partitions.map((p) => [p.partitionId, p.leader]));
    this.available = settings.partitions.filter((p) => p.leader >= 0).map((p) => p.partitionId);
  }

  /**
   * Takes `message` (to its `partition`, else the one its key picks: murmur2 as the Java client,
   * round-robin without a key, by kafkajs' DefaultPartitioner as before), encoded into its
   * batch at once: `message` is not kept, so the caller may reuse it and its buffers. A message
   * larger than the topic's max.message.bytes is refused through `receipts`, and the rest go
   * on. Throws the producer's failure once it failed.
   */
  add(message: AddressedMessage): void {
    if (this.failure) throw this.failure;
    const index = this.added++;
    const { topic, maxMessageBytes } = this.settings;
    const partition = message.partition ?? this.choose(message.key ?? null);
    const queue = this.queues[partition];
    if (!queue || queue.partition !== partition) {
      throw new KafkaAccessError(`Could not produce to topic "${topic}": it has no partition ${partition} (partitions 0 to ${this.queues.length - 1}).`, 'invalid-request');
    }
    const bytes = recordBytes(message);
    // recordBytes is an upper bound: the exact size is counted only near the limit. Uncompressed:
    // a compressed topic may take more, but not reliably near its limit.
    const alone = bytes + BATCH_HEADER_BYTES > maxMessageBytes ? loneBatchBytes(message) : 0;
    if (alone > maxMessageBytes) {
      this.receipts.refused(index, `${alone.toLocaleString('en')} bytes as a Kafka message (key, value and headers with the record's and batch's framing), more than topic "${topic}" takes (max.message.bytes ${maxMessageBytes.toLocaleString('en')}): not sent. Send it smaller, or raise the topic's max.message.bytes.`);
      return;
    }
    const waiting = queue.openCount;
    queue.add(message, bytes);
    this.bufferedBytes += bytes;
    this.order.push(partition);
    // A batch closed: send it while the next fills.
    if (queue.openCount <= waiting) this.pump();
    this.linger ??= setTimeout(() => this.lingered(), this.settings.lingerMs);
  }

  /**
   * kafkajs' DefaultPartitioner, as every produce of this tool used: a key's partition is
   * murmur2 of its bytes, positive, modulo the partition count (the Java client's, and
   * librdkafka's murmur2_random); without a key, round-robin over the partitions with a leader
   * from a random start. Asked once per run of equal keys (the CLI sends one key for all lines),
   * and the round-robin kept here, so a million messages cost no million calls.
   */
  private choose(key: Buffer | string | null): number {
    if (key !== null) {
      if (key !== this.lastKey) {
        this.lastKey = key;
        this.lastKeyPartition = this.partitioner({ topic: this.settings.topic, partitionMetadata: this.settings.partitions as RawPartitionMetadata[], message: { key, value: null } });
      }
      return this.lastKeyPartition;
    }
    const next = ++this.roundRobin & 0x7fffffff;
    return this.available.length > 0 ? this.available[next % this.available.length] : next % this.queues.length;
  }

  /** Resolves once the messages given but not acknowledged are back under MAX_BUFFERED_BYTES. */
  room(): Promise<void> {
    return this.until(() => this.bufferedBytes < MAX_BUFFERED_BYTES);
  }

  /** Sends every message given and resolves once all were acknowledged and reported. */
  async flush(): Promise<void> {
    for (const queue of this.queues) queue.close();
    this.pump();
    await this.until(() => this.order.pending === 0 && this.queues.every((q) => q.settled));
  }

  /** Ends the linger timer and sends nothing more; answers still coming are ignored. */
  stop(): void {
    this.fail(new KafkaAccessError('The producer was stopped.', 'cancelled'));
  }

  private until(test: () => boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ test, resolve, reject }));
  }

  private wake(): void {
    const still = [];
    for (const waiter of this.waiters) {
      if (waiter.test()) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    clearTimeout(this.linger);
    for (const waiter of this.waiters) waiter.reject(this.failure);
    this.waiters = [];
  }

  /**
   * Closes the open batches that waited the linger out on partitions with nothing else to send
   * (Nagle's rule: a partition with batches out keeps filling its open batch until one comes
   * back, so a fast stream goes in full batches and a slow one at once); waits again for the
   * rest.
   */
  private lingered(): void {
    clearTimeout(this.linger);
    this.linger = undefined;
    const now = Date.now();
    let next: number | undefined;
    for (const queue of this.queues) {
      if (queue.openCount === 0) continue;
      const left = queue.openedAt + this.settings.lingerMs - now;
      if (left <= 0 && queue.idle) queue.close();
      else if (left > 0) next = Math.min(next ?? Infinity, left);
    }
    if (next !== undefined) this.linger = setTimeout(() => this.lingered(), next);
    this.pump();
  }

  /** Sends what can go: per leader, requests of one batch per sendable partition, up to MAX_IN_FLIGHT. */
  private pump(): void {
    if (this.failure) return;
    const byLeader = new Map<number, PartitionQueue[]>();
    for (const queue of this.queues) {
      const leader = this.leaders.get(queue.partition) ?? -1;
      if (leader < 0) {
        if (queue.sendable()) this.refresh();
        continue;
      }
      if (!byLeader.has(leader)) byLeader.set(leader, []);
      byLeader.get(leader)!.push(queue);
    }
    for (const [leader, queues] of byLeader) {
      while ((this.requestsInFlight.get(leader) ?? 0) < MAX_IN_FLIGHT) {
        const batches = queues.filter((q) => q.sendable()).map((q) => q.take());
        if (batches.length === 0) break;
        this.send(leader, batches);
      }
    }
  }

  private send(leader: number, batches: Batch[]): void {
    this.requestsInFlight.set(leader, (this.requestsInFlight.get(leader) ?? 0) + 1);
    for (const batch of batches) batch.encoded ??= this.encode(batch);
    // Wrapped, so that `started` settles when the request is on its way, not when it is answered.
    const started = (this.sending.get(leader) ?? Promise.resolve())
      .then(() => Promise.all(batches.map((b) => b.encoded!)))
      .then((encoded) => ({ answer: this.link.produce(leader, batches.map((b, i) => ({ partition: b.partition, batch: encoded[i] }))) }));
    this.sending.set(leader, started.then(() => undefined, () => undefined));
    started
      .then(({ answer }) => answer)
      .then(
        (answers) => this.answered(batches, answers),
        (error: Error & { retriable?: boolean }) => {
          if (!mayMend(error)) return this.fail(error);
          for (const batch of batches) this.retry(batch, error);
        },
      )
      .catch((error: Error) => this.fail(error))
      .finally(() => {
        this.requestsInFlight.set(leader, this.requestsInFlight.get(leader)! - 1);
        this.order.report(this.queues, this.receipts);
        if (!this.failure) this.lingered();
        this.wake();
      });
  }

  private async encode(batch: Batch): Promise<Buffer> {
    const { codec, bytes } = await compressRecords(this.settings.codec, batch.records.records());
    return batch.records.assemble(bytes, codec, { ...this.settings.identity, baseSequence: batch.baseSequence });
  }

  private answered(batches: readonly Batch[], answers: Map<number, ProduceAnswer>): void {
    for (const batch of batches) {
      const queue = this.queues[batch.partition];
      const answer = answers.get(batch.partition);
      if (!answer) {
        this.fail(new KafkaAccessError(`Could not produce to topic "${this.settings.topic}": partition ${batch.partition} got no answer.`, 'corrupt'));
        return;
      }
      if (answer.errorCode === 0 || (answer.errorCode === DUPLICATE_SEQUENCE_NUMBER && answer.baseOffset >= 0n)) {
        queue.acknowledge(batch, answer.baseOffset);
        this.bufferedBytes -= batch.bytes;
        this.refreshes = 0;
        continue;
      }
      const error = this.link.error(answer.errorCode, answer.errorMessage);
      // Out of order behind a batch that is to be sent again is that batch's doing.
      const behindRetry = answer.errorCode === OUT_OF_ORDER_SEQUENCE_NUMBER && (queue.held || !queue.isFirstInFlight(batch));
      if (error.retriable === true || behindRetry) this.retry(batch, error);
      else this.fail(this.partitionError(batch.partition, error));
    }
  }

  private retry(batch: Batch, error: Error): void {
    const queue = this.queues[batch.partition];
    const now = Date.now();
    queue.retry(batch, now);
    if (now - queue.failingSince! > this.settings.deliveryTimeoutMs) {
      this.fail(this.partitionError(batch.partition, error, ` (still failing after ${Math.round(this.settings.deliveryTimeoutMs / 1000)} s of retries)`));
      return;
    }
    this.refresh();
  }

  private partitionError(partition: number, error: Error, after = ''): Error {
    return Object.assign(error, { message: `partition ${partition} of topic "${this.settings.topic}": ${error.message}${after}` });
  }

  /** Fresh leaders after a backoff (100 ms, doubling to 1 s while nothing is written); held partitions go again. */
  private refresh(): void {
    if (this.refreshing || this.failure) return;
    const backoff = Math.min(1_000, 100 * 2 ** this.refreshes++);
    this.refreshing = new Promise<void>((resolve) => setTimeout(resolve, backoff))
      .then(() => this.link.leaders())
      .then((leaders) => {
        this.leaders = leaders;
        for (const queue of this.queues) queue.held = false;
      })
      .catch((error: Error & { retriable?: boolean }) => {
        const now = Date.now();
        const given = this.queues.some((q) => q.failingSince !== undefined && now - q.failingSince > this.settings.deliveryTimeoutMs);
        if (!mayMend(error) || given) this.fail(error);
      })
      .finally(() => {
        this.refreshing = undefined;
        this.pump();
        // Still no leader for a waiting partition: ask again (the backoff grows).
        if (this.queues.some((q) => q.held || ((this.leaders.get(q.partition) ?? -1) < 0 && q.sendable()))) this.refresh();
      });
  }
}

/**
 * Whether a failed request may succeed when sent again: kafkajs' retriable errors, and a
 * broker that does not answer for now (stopped, restarting, silent), which the producer waits
 * out for up to its delivery timeout instead of stopping at the first refused connection.
 */
function mayMend(error: Error & { retriable?: boolean }): boolean {
  return error.retriable === true || brokersUnanswered(toAccessError(error, { brokers: [], action: 'produce', timeoutMs: 0 }));
}
