// Registers decoders for the compression types kafkajs leaves out (it ships gzip only), all
// pure JavaScript so the extension carries no native binaries:
// - snappy: kafkajs-snappy, the codec from the kafkajs project, on snappyjs; it understands the
//   xerial framing the Java client writes.
// - lz4: lz4js, the pure-JS LZ4 with the frame format Kafka uses since KIP-57.
// - zstd: fzstd, a maintained pure-JS Zstandard decoder. It only decompresses, so we read zstd
//   topics but do not produce zstd (nothing here sends compressed messages except gzip).

import { CompressionCodecs, CompressionTypes } from 'kafkajs';

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

function lz4Codec(): Codec {
  // Loaded when a batch needs it; lz4js ships no types, hence require and a cast.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lz4 = require('lz4js') as { compress(data: Uint8Array): Uint8Array; decompress(data: Uint8Array): Uint8Array };
  return {
    compress: async (encoder) => Buffer.from(lz4.compress(encoder.buffer)),
    decompress: async (buffer) => Buffer.from(lz4.decompress(buffer)),
  };
}

function zstdCodec(): Codec {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when a batch needs it
  const fzstd = require('fzstd') as typeof import('fzstd');
  return {
    compress: async () => {
      throw new Error('Producing zstd-compressed messages is not supported; reading them is.');
    },
    decompress: async (buffer) => {
      // Kafka writes several frames back to back only rarely; fzstd's stream reads them all.
      const parts: Uint8Array[] = [];
      const stream = new fzstd.Decompress((chunk) => parts.push(chunk));
      stream.push(buffer, true);
      return Buffer.concat(parts);
    },
  };
}

let registered = false;

export function registerCompressionCodecs(): void {
  if (registered) return;
  registered = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs-snappy ships no types
  CompressionCodecs[CompressionTypes.Snappy] = require('kafkajs-snappy') as () => Codec;
  CompressionCodecs[CompressionTypes.LZ4] = lz4Codec;
  CompressionCodecs[CompressionTypes.ZSTD] = zstdCodec;
}
